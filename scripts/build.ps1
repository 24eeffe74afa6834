<#
.SYNOPSIS
    Build the Windows program with PyInstaller (pyinstaller.spec); scripts/build on Linux/macOS.

.DESCRIPTION
    From a fresh clone: sets up .venv\ with requirements.lock (the machinery of scripts\dev.py), adds
    requirements-build.lock (PyInstaller, pinned), then builds from scratch.

        powershell -ExecutionPolicy Bypass -File scripts\build.ps1              # dist\ThiDuaDVCTT\
        powershell -ExecutionPolicy Bypass -File scripts\build.ps1 -OneFile     # dist\ThiDuaDVCTT-<version>.exe
        powershell -ExecutionPolicy Bypass -File scripts\build.ps1 -Smoke       # build, then smoke-test
        powershell -ExecutionPolicy Bypass -File scripts\build.ps1 -SmokeOnly   # smoke-test the last build

    Needs Python >= 3.11 from python.org (the "py" launcher) or on PATH as "python"; -Python chooses
    another one (CI: -Python python, the one actions/setup-python put on PATH).
#>
[CmdletBinding()]
param(
    [string]$Python = '',
    [switch]$OneFile,
    [switch]$Smoke,
    [switch]$SmokeOnly
)

$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')

function Say([string]$Message) { Write-Host "[build] $Message" }

function Invoke-Checked([string]$Program, [string[]]$Arguments) {
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "[build] $Program $($Arguments -join ' ') thất bại (mã $LASTEXITCODE)"
    }
}

# A Python >= 3.11 to create .venv\ with: -Python (a command or a path), the py launcher, or python.
if ($Python) {
    $basePython = $Python
    $baseArgs = @()
} elseif (Get-Command py -ErrorAction SilentlyContinue) {
    $basePython = 'py'
    $baseArgs = @('-3')
} elseif (Get-Command python -ErrorAction SilentlyContinue) {
    $basePython = 'python'
    $baseArgs = @()
} else {
    throw '[build] không thấy Python: cài Python 3.11 trở lên từ python.org (có "py launcher")'
}

# Same machinery as scripts\dev.py: one stamp per lock, re-installed when the lock changes. (Kept on one
# line with single quotes: Windows PowerShell 5.1 mangles double quotes in native arguments.)
$setup = "import sys; sys.path.insert(0, 'scripts'); import dev; " +
    "sys.exit('Python 3.11+ is needed') if sys.version_info < (3, 11) else None; " +
    "dev.ensure_venv(dev.RUNTIME_LOCK); dev.ensure_venv(dev.ROOT / 'requirements-build.lock')"
Invoke-Checked $basePython ($baseArgs + @('-c', $setup))
$venvPython = Join-Path (Get-Location) '.venv\Scripts\python.exe'

if (-not $SmokeOnly) {
    $env:THIDUA_ONEFILE = if ($OneFile) { '1' } else { '' }
    Say "PyInstaller $(& $venvPython -m PyInstaller --version) — pyinstaller.spec (một tệp: $([int][bool]$OneFile))"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Checked $venvPython @('-m', 'PyInstaller', '--noconfirm', '--clean', '--log-level', 'WARN', 'pyinstaller.spec')
    $seconds = [math]::Round($clock.Elapsed.TotalSeconds)
    if ($OneFile) {
        Say "xong sau $seconds s:"
        Get-ChildItem dist -Filter 'ThiDuaDVCTT-*.exe' | ForEach-Object {
            Say ("  {0}  {1:N0} MB" -f $_.Name, ($_.Length / 1MB))
        }
    } else {
        $bytes = (Get-ChildItem dist\ThiDuaDVCTT -Recurse -File | Measure-Object -Property Length -Sum).Sum
        Say ("xong sau {0} s: dist\ThiDuaDVCTT\ ({1:N0} MB)" -f $seconds, ($bytes / 1MB))
    }
}

if ($Smoke -or $SmokeOnly) {
    $smokeArgs = @('scripts\smoke_bundle.py')
    if ($OneFile) { $smokeArgs += '--onefile' }
    Invoke-Checked $venvPython $smokeArgs
}
