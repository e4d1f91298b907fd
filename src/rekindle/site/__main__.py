"""`python -m rekindle.site SITE_DIR`: finish a site built without MkDocs hooks."""

import sys

from rekindle.site.finish import main

sys.exit(main())
