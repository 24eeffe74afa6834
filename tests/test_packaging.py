"""Quick checks of the packaging that need no build: the spec, its data, the resource helper.

The spec is executed with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT (and for its hook
helpers, so PyInstaller need not be installed), then its choices are checked: names, consoles,
version, data files laid out where ``app.resources`` and ``app.models.database`` look for them.
"""

from __future__ import annotations

import ast
import runpy
import shutil
import subprocess
import sys
import tomllib
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import app
from app import resources

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "pyinstaller.spec"
HOOKS = ROOT / "scripts" / "pyinstaller-hooks"
RESOURCE_FILES = [
    ("rules", resources.DEFAULT_RULES),
    ("fonts", "LiberationSerif-Regular.ttf"),
    ("fonts", "LiberationSerif-Bold.ttf"),
    ("fonts", "LiberationSerif-Italic.ttf"),
    ("fonts", "LiberationSerif-BoldItalic.ttf"),
    ("fonts", "LICENSE-LiberationFonts.txt"),
    ("units", "don-vi-phung-hiep.csv"),
    ("icons", "app.ico"),
    ("icons", "app.png"),
    ("encodings", "tcvn3.json"),
    ("encodings", "vni.json"),
]


class Recorder:
    """Stands in for a PyInstaller build target: keeps its arguments."""

    made: ClassVar[list[Recorder]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        type(self).made.append(self)


class FakeAnalysis(Recorder):
    made: ClassVar[list[Recorder]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        # What PyInstaller would find, in TOC form (dest, source, kind), to check the filters.
        self.binaries = [
            ("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY"),
            ("numpy.libs/libscipy_openblas64_.so", "/venv/numpy.libs/openblas.so", "BINARY"),
            ("PySide6/opengl32sw.dll", "C:/venv/PySide6/opengl32sw.dll", "BINARY"),
        ]
        self.datas = [
            *((dest_dir + "/" + Path(src).name, src, "DATA") for src, dest_dir in kwargs["datas"]),
            ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
            ("PySide6/Qt/translations/qtbase_vi.qm", "/x/qtbase_vi.qm", "DATA"),
            ("PySide6/Qt/qml/QtQuick/qmldir", "/x/qmldir", "DATA"),
        ]


class FakePYZ(Recorder):
    made: ClassVar[list[Recorder]] = []


class FakeEXE(Recorder):
    made: ClassVar[list[Recorder]] = []


class FakeCOLLECT(Recorder):
    made: ClassVar[list[Recorder]] = []


def app_submodules(package: str) -> list[str]:
    names = []
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.fixture
def fake_pyinstaller(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = app_submodules  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    for recorder in (FakeAnalysis, FakePYZ, FakeEXE, FakeCOLLECT):
        recorder.made = []
    yield


def run_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, onefile: bool) -> dict[str, Any]:
    monkeypatch.setenv("THIDUA_ONEFILE", "1" if onefile else "")
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {
        "SPECPATH": str(ROOT),
        "workpath": str(tmp_path / "build"),
        "Analysis": FakeAnalysis,
        "PYZ": FakePYZ,
        "EXE": FakeEXE,
        "COLLECT": FakeCOLLECT,
    }
    return runpy.run_path(str(SPEC), init_globals=namespace)


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def test_version_in_pyproject_is_the_programs() -> None:
    assert app.__version__ == pyproject_version()


def test_every_resource_is_found_from_source() -> None:
    for parts in RESOURCE_FILES:
        assert resources.resource_path(*parts).is_file(), parts
    assert resources.default_rules() is not None


@pytest.mark.usefixtures("fake_pyinstaller")
def test_spec_builds_window_and_console_in_one_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = run_spec(tmp_path, monkeypatch, onefile=False)
    assert spec["VERSION"] == pyproject_version()
    (analysis,) = FakeAnalysis.made
    assert analysis.args[0] == [str(ROOT / "main.py")]
    exes = {exe.kwargs["name"]: exe.kwargs for exe in FakeEXE.made}
    assert set(exes) == {"ThiDuaDVCTT", "ThiDuaDVCTT-console"}
    assert exes["ThiDuaDVCTT"]["console"] is False
    assert exes["ThiDuaDVCTT-console"]["console"] is True
    for options in exes.values():
        assert options["strip"] is False  # strip broke numpy's OpenBLAS
        assert options["upx"] is False
    (collect,) = FakeCOLLECT.made
    assert collect.kwargs["name"] == "ThiDuaDVCTT"
    assert [exe for exe in collect.args if isinstance(exe, FakeEXE)] == FakeEXE.made


@pytest.mark.usefixtures("fake_pyinstaller")
def test_spec_onefile_builds_two_single_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_spec(tmp_path, monkeypatch, onefile=True)
    version = pyproject_version()
    names = {exe.kwargs["name"]: exe.kwargs["console"] for exe in FakeEXE.made}
    assert names == {f"ThiDuaDVCTT-{version}": False, f"ThiDuaDVCTT-{version}-console": True}
    assert FakeCOLLECT.made == []


@pytest.mark.usefixtures("fake_pyinstaller")
def test_spec_excludes_unused_qt_and_filters_qt_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_spec(tmp_path, monkeypatch, onefile=False)
    analysis = FakeAnalysis.made[0]
    assert isinstance(analysis, FakeAnalysis)
    excludes = set(analysis.kwargs["excludes"])
    for module in ("QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia", "QtPdf"):
        assert f"PySide6.{module}" in excludes
    for used in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtCharts", "QtNetwork"):
        assert f"PySide6.{used}" not in excludes
    assert analysis.kwargs["hookspath"] == [str(HOOKS)]
    dests = {entry[0] for entry in analysis.datas}
    assert "PySide6/Qt/translations/qtbase_de.qm" not in dests
    assert "PySide6/Qt/translations/qtbase_vi.qm" in dests
    assert "PySide6/Qt/qml/QtQuick/qmldir" not in dests
    binaries = {entry[0] for entry in analysis.binaries}
    assert "numpy.libs/libscipy_openblas64_.so" in binaries
    assert "PySide6/opengl32sw.dll" not in binaries


@pytest.mark.usefixtures("fake_pyinstaller")
def test_spec_hidden_imports_cover_commands_and_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_spec(tmp_path, monkeypatch, onefile=False)
    hidden = set(FakeAnalysis.made[0].kwargs["hiddenimports"])
    main_py = ast.parse((ROOT / "main.py").read_text(encoding="utf-8"))
    commands = next(
        ast.literal_eval(node.value)
        for node in main_py.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "COMMAND_MODULES" for t in node.targets)
    )
    for name in commands:
        assert f"app.commands.{name}" in hidden
    assert "app.models.migrations.env" in hidden
    assert {"alembic.op", "alembic.context", "sqlalchemy.dialects.sqlite"} <= hidden


@pytest.mark.usefixtures("fake_pyinstaller")
def test_bundled_data_is_found_in_a_frozen_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lay the spec's data files out as PyInstaller would, then look them up as the program does."""
    spec = run_spec(tmp_path, monkeypatch, onefile=False)
    bundle = tmp_path / "_internal"
    for source, folder in spec["DATAS"]:
        assert "__pycache__" not in Path(folder).parts
        target = bundle / folder / Path(source).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    source_files = {
        p.relative_to(ROOT / "resources")
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts
    }
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert resources.resource_root() == bundle / "resources"
    for relative in source_files:
        assert resources.resource_path(*relative.parts).is_file(), relative
    assert resources.default_rules() is not None
    # the user guide (Trợ giúp → Hướng dẫn sử dụng) with every screenshot it shows
    guide = resources.guide_path()
    assert guide.is_relative_to(bundle) and guide.is_file()
    shown = [p.name for p in (ROOT / "docs" / "huong-dan" / "anh").glob("*.png")]
    assert shown and all((guide.parent / "anh" / name).is_file() for name in shown)
    # alembic reads the migrations beside the frozen app/models/database.pyc
    from app.models import database

    folder = Path(database.MIGRATIONS_DIR).relative_to(ROOT)
    for name in ("env.py", "script.py.mako"):
        assert (bundle / folder / name).is_file(), name
    versions = sorted(p.name for p in (ROOT / folder / "versions").glob("rev_*.py"))
    assert versions
    assert sorted(p.name for p in (bundle / folder / "versions").glob("rev_*.py")) == versions
    assert not list(bundle.rglob("*.pyc"))


@pytest.mark.usefixtures("fake_pyinstaller")
def test_windows_version_resource(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = run_spec(tmp_path, monkeypatch, onefile=False)
    assert spec["version_tuple"]("0.1.0") == (0, 1, 0, 0)
    assert spec["version_tuple"]("1.2.3rc4") == (1, 2, 3, 4)
    assert spec["version_tuple"]("2") == (2, 0, 0, 0)
    text = spec["version_resource_text"]("1.2.3", "ThiDuaDVCTT.exe")
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call)
    assert "filevers=(1, 2, 3, 0)" in text
    assert "'ProductVersion', '1.2.3'" in text
    assert "'OriginalFilename', 'ThiDuaDVCTT.exe'" in text


def test_windows_version_resource_uses_only_pyinstallers_structures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyInstaller evaluates the version file with its versioninfo classes in scope: only those."""
    spec = run_spec(tmp_path, monkeypatch, onefile=False)
    text = spec["version_resource_text"]("0.1.0", "ThiDuaDVCTT.exe")
    names = (
        "VSVersionInfo FixedFileInfo StringFileInfo StringTable StringStruct VarFileInfo VarStruct"
    )
    scope = {
        name: (lambda *args, _name=name, **kwargs: (_name, args, kwargs)) for name in names.split()
    }
    kind, _args, fields = eval(text, {"__builtins__": {}}, scope)
    assert kind == "VSVersionInfo"
    assert fields["ffi"][2]["filevers"] == (0, 1, 0, 0)
    string_table = fields["kids"][0][1][0][0]
    assert string_table[0] == "StringTable"
    strings = dict(entry[1] for entry in string_table[1][1])
    assert strings["ProductName"] == "Thi đua DVCTT"
    assert strings["FileVersion"] == "0.1.0"


def load_hook(name: str, found: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> Any:
    qt = types.ModuleType("PyInstaller.utils.hooks.qt")
    qt.add_qt6_dependencies = lambda _file: ([], list(found), [])  # type: ignore[attr-defined]
    for module in ("PyInstaller", "PyInstaller.utils", "PyInstaller.utils.hooks"):
        monkeypatch.setitem(sys.modules, module, types.ModuleType(module))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks.qt", qt)
    return runpy.run_path(str(HOOKS / name))


def test_qtgui_hook_keeps_only_desktop_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = "PySide6/Qt/plugins"
    found = [
        ("/q/libqxcb.so", f"{plugins}/platforms"),
        ("/q/qwindows.dll", "PySide6/plugins/platforms"),
        ("/q/libqoffscreen.so", f"{plugins}/platforms"),
        ("/q/libqwayland.so", f"{plugins}/platforms"),
        ("/q/libqeglfs.so", f"{plugins}/platforms"),
        ("/q/libqsvg.so", f"{plugins}/imageformats"),
        ("/q/libqpdf.so", f"{plugins}/imageformats"),
        ("/q/libqgtk3.so", f"{plugins}/platformthemes"),
        ("/q/libqtvirtualkeyboardplugin.so", f"{plugins}/platforminputcontexts"),
        ("/q/libqevdevmouseplugin.so", f"{plugins}/generic"),
        ("/q/libqt-plugin-wl-shell.so", f"{plugins}/wayland-shell-integration"),
        ("/q/libQt6Gui.so.6", "PySide6/Qt/lib"),
    ]
    kept = {
        Path(src).name
        for src, _ in load_hook("hook-PySide6.QtGui.py", found, monkeypatch)["binaries"]
    }
    assert kept == {
        "libqxcb.so",
        "qwindows.dll",
        "libqoffscreen.so",
        "libqsvg.so",
        "libQt6Gui.so.6",
    }


def test_qtnetwork_hook_drops_its_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [
        ("/q/libqopensslbackend.so", "PySide6/Qt/plugins/tls"),
        ("/q/libqnetworkmanager.so", "PySide6/Qt/plugins/networkinformation"),
        ("/q/libQt6Network.so.6", "PySide6/Qt/lib"),
    ]
    hook = load_hook("hook-PySide6.QtNetwork.py", found, monkeypatch)
    assert [Path(src).name for src, _ in hook["binaries"]] == ["libQt6Network.so.6"]


def test_smoke_compares_every_golden_field() -> None:
    smoke = runpy.run_path(str(ROOT / "scripts" / "smoke_bundle.py"), run_name="smoke")
    expected = [{"code": "1", "total": "90.00", "rank": 1}, {"code": "2", "total": "80.00"}]
    actual = [
        {"code": "1", "name": "A", "total": "90.00", "rank": 1},
        {"code": "2", "name": "B", "total": "80.01"},
    ]
    assert smoke["compare_golden"](actual, expected) == ["2.total: '80.01' ≠ '80.00'"]
    assert smoke["compare_golden"](actual[::-1], expected)[0].startswith("thứ tự")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no executable bit")
def test_the_build_script_is_executable() -> None:
    assert (ROOT / "scripts" / "build").stat().st_mode & 0o111, "scripts/build must be executable"


def test_build_scripts_are_there() -> None:
    build = ROOT / "scripts" / "build"
    assert build.is_file()
    if shutil.which("bash") and sys.platform != "win32":
        subprocess.run(["bash", "-n", str(build)], check=True)
    assert (ROOT / "scripts" / "build.ps1").is_file()
    lock = (ROOT / "requirements-build.lock").read_text(encoding="utf-8")
    assert "pyinstaller==6.22.3" in lock


def test_smoke_font_check_without_pdffonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows there is no pdffonts: the PDF's font dictionaries are read instead."""
    from reportlab.pdfgen import canvas

    from app.reports.fonts import register_fonts

    smoke = runpy.run_path(str(ROOT / "scripts" / "smoke_bundle.py"), run_name="smoke")
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    embedded, standard = tmp_path / "embedded.pdf", tmp_path / "standard.pdf"
    font = register_fonts()
    page = canvas.Canvas(str(embedded), initialFontName=font)
    page.setFont(font, 12)
    page.drawString(72, 720, "Ủy ban nhân dân huyện Phụng Hiệp")
    page.save()
    page = canvas.Canvas(str(standard))
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, "Helvetica")
    page.save()
    assert smoke["fonts_problems"](embedded) == []
    assert smoke["fonts_problems"](standard)


def test_windows_version_resource_encodes_with_pyinstaller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyInstaller's own reader (as on Windows) accepts the file and encodes the resource."""
    compat = pytest.importorskip("PyInstaller.compat")
    # Its module imports Windows-only helpers at the top; reading and encoding never use them.
    monkeypatch.setattr(compat, "win32api", types.ModuleType("win32api"), raising=False)
    monkeypatch.setitem(
        sys.modules, "pefile", sys.modules.get("pefile", types.ModuleType("pefile"))
    )
    from PyInstaller.utils.win32 import versioninfo

    monkeypatch.setattr(sys, "path", list(sys.path))
    spec = run_spec_version_part(tmp_path)
    path = tmp_path / "version.txt"
    path.write_text(spec["version_resource_text"]("0.1.0", "ThiDuaDVCTT.exe"), encoding="utf-8")
    info = versioninfo.load_version_info_from_text_file(str(path))
    assert isinstance(info, versioninfo.VSVersionInfo)
    assert info.ffi.fileVersionMS == 1 and info.ffi.fileVersionLS == 0
    assert len(info.toRaw()) > 500


def run_spec_version_part(tmp_path: Path) -> dict[str, Any]:
    """The spec up to its version helpers, with the real PyInstaller imports."""
    namespace: dict[str, Any] = {"SPECPATH": str(ROOT), "workpath": str(tmp_path / "build")}
    source = SPEC.read_text(encoding="utf-8").split("# --- what goes in")[0]
    exec(compile(source, str(SPEC), "exec"), namespace)
    return namespace
