"""PyInstaller hook for PySide6.QtNetwork, used by pyinstaller.spec instead of the standard one.

The program works offline: QtNetwork serves only local sockets (one running copy), so its plugins —
TLS backends (OpenSSL) and network-information backends (NetworkManager, GLib) — stay out.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [
    (source, destination)
    for source, destination in binaries
    if "plugins" not in destination.replace("\\", "/").split("/")
]
