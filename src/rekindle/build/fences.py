"""Superfences custom fences (stub until the widgets land)."""


def validate_any(language, inputs, options, attrs, md) -> bool:
    return True


def format_turn_timer(source, language, css_class, options, md, **kwargs) -> str:
    return '<div class="rk-widget" data-rekindle-widget="turn-timer">Turn-taking timer</div>'


def format_barrier_assessment(source, language, css_class, options, md, **kwargs) -> str:
    return '<div class="rk-widget" data-rekindle-widget="barrier-assessment">Assessment</div>'
