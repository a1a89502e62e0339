# Build the Windows installer: venv → pip install → PyInstaller → NSIS.
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
#
# Saved as UTF-8 with BOM so that Windows PowerShell 5.1 reads the Chinese messages correctly.
# Needs: 64-bit Python 3.11+ (the `py` launcher) and NSIS 3 (makensis on PATH or in
# its default folder).  Output: dist\orgdesk\ (the program folder) and
# dist\OrgDesk-Setup-<version>.exe (the installer to copy to a USB stick).
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

$Venv = Join-Path $Root ".venv-build"
$Py = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Py)) {
    Write-Host "创建构建用虚拟环境 $Venv"
    py -3.11 -m venv $Venv
    if ($LASTEXITCODE -ne 0) { throw "无法创建虚拟环境：请安装 64 位 Python 3.11（含 py 启动器）" }
}
& $Py -m pip install --upgrade pip
& $Py -m pip install ".[build,pg]"
if ($LASTEXITCODE -ne 0) { throw "pip install 失败" }

$Dist = Join-Path $Root "dist"
$Work = Join-Path $Root "build\pyinstaller"
& $Py -m PyInstaller --noconfirm --clean --distpath $Dist --workpath $Work installer\orgdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller 失败" }
$Bundle = Join-Path $Dist "orgdesk"

# The frozen program must pass its own checks before it is packed.
$Smoke = Join-Path $env:TEMP "orgdesk-build-smoke"
Remove-Item -Recurse -Force $Smoke -ErrorAction SilentlyContinue
New-Item -ItemType Directory $Smoke | Out-Null
$env:ORGDESK_DATA_DIR = Join-Path $Smoke "data"
$Cli = Join-Path $Bundle "orgdesk-cli.exe"
& $Cli demo --db (Join-Path $Smoke "demo.db")
if ($LASTEXITCODE -ne 0) { throw "冒烟测试失败：demo" }
& $Cli selftest --db (Join-Path $Smoke "demo.db")
if ($LASTEXITCODE -ne 0) { throw "冒烟测试失败：selftest" }
& $Cli check --db (Join-Path $Smoke "demo.db")
if ($LASTEXITCODE -ne 0) { throw "冒烟测试失败：check" }
Remove-Item Env:ORGDESK_DATA_DIR

$Version = (& $Py -c "import orgdesk; print(orgdesk.__version__)").Trim()
$MakeNsis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) {
    foreach ($p in @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe")) {
        if (Test-Path $p) { $MakeNsis = $p; break }
    }
}
if (-not $MakeNsis) { throw "找不到 makensis：请安装 NSIS 3" }
$Out = Join-Path $Dist "OrgDesk-Setup-$Version.exe"
& $MakeNsis /WX "/DBUNDLE_DIR=$Bundle" "/DVERSION=$Version" "/DOUT_FILE=$Out" installer\orgdesk.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis 失败" }
Write-Host "安装包已生成：$Out"
