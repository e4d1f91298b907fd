"""`python -m rekindle.build SITE_DIR`: finish a site built without MkDocs hooks."""

import sys

from rekindle.build.finish import main

sys.exit(main())
