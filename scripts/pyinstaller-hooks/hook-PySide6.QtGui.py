"""PyInstaller hook for PySide6.QtGui, used by pyinstaller.spec instead of the standard one.

The standard hook collects every plugin of QtGui's plugin types, and with them the libraries they
link: Qt Quick/QML and the virtual keyboard (platforminputcontexts), Wayland and EGLFS (platforms),
Qt Pdf (imageformats), GTK 3 and its dozen system libraries (platformthemes). A desktop window on
Windows or X11 needs none of them. Filtering here, before PyInstaller analyses the plugins' own
dependencies, keeps those libraries out instead of leaving them behind without their plugin.
"""

import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Plugin folders dropped whole.
DROPPED_FOLDERS = {
    "egldeviceintegrations",
    "generic",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
# Plugins dropped from the folders that stay. Kept: platforms windows/xcb/offscreen/minimal/cocoa,
# imageformats gif/ico/jpeg/svg (PNG is built in), iconengines svg, compose and ibus input.
DROPPED_PLUGINS = re.compile(
    r"(qeglfs|qlinuxfb|qminimalegl|qvkkhrdisplay|qvnc|qwayland|qdirect2d|"  # platforms
    r"qtvirtualkeyboard|"  # platforminputcontexts
    r"qgtk3|"  # platformthemes (xdgdesktopportal stays)
    r"qpdf|qtiff|qwebp|qtga|qwbmp|qicns)",  # imageformats
    re.IGNORECASE,
)


def wanted(destination: str, source: str) -> bool:
    parts = destination.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    folder = parts[parts.index("plugins") + 1] if len(parts) > parts.index("plugins") + 1 else ""
    if folder in DROPPED_FOLDERS:
        return False
    return not DROPPED_PLUGINS.search(source.replace("\\", "/").rsplit("/", 1)[-1])


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [
    (source, destination) for source, destination in binaries if wanted(destination, source)
]
