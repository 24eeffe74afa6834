"""The Qt desktop program: views, table models and dialogs. Thin: no rules, no SQL."""

# Page names for ``--page`` (kept here, free of Qt, so main.py can check them without importing Qt).
PAGE_NAMES = ("don-vi", "so-lieu", "xep-hang", "khen-thuong", "nhap-xuat", "van-ban", "cai-dat")
DEFAULT_PAGE = "xep-hang"
