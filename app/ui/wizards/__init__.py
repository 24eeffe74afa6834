"""The Nhập / Xuất page's wizards, one controller per import or export (as the page's buttons
are, listed as data in ``catalog``): each takes the file (asked with the pickers of ``files``,
through the page), shows what it must before anything is written (the column mapping of a portal
export, old → new of a commune package), runs the service on the page's task panel and hands the
result back to the page (``base.Host``)."""
