; 组工管理 OrgDesk — Windows installer (NSIS 3, Unicode, Chinese UI).
;
;   makensis /DBUNDLE_DIR=C:\src\orgdesk\dist\orgdesk /DVERSION=0.1.0 /DOUT_FILE=C:\src\orgdesk\dist\OrgDesk-Setup-0.1.0.exe installer\orgdesk.nsi
;
; BUNDLE_DIR is the PyInstaller one-folder bundle (installer/orgdesk.spec), holding
; OrgDesk.exe (the window), orgdesk-cli.exe (command line) and _internal\.
; Build-time paths use "/" (makensis on Linux keeps "\\" literally; Windows takes both) and are
; relative to this folder (makensis changes into it): pass BUNDLE_DIR and OUT_FILE as absolute paths.
; On Linux `makensis -DBUNDLE_DIR=…` compiles the same script (CI does this against a
; stub folder so that a broken script fails the build).
;
; The program goes to Program Files; each user's data stays in %APPDATA%\OrgDesk
; (database, backups, logs, drafts) and is NOT touched by an upgrade.  The
; uninstaller keeps it unless the user ticks 「同时删除我的数据」.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef BUNDLE_DIR
  !error "请用 /DBUNDLE_DIR=<PyInstaller 生成的 dist\orgdesk 文件夹> 指定程序文件夹"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "OrgDesk-Setup-${VERSION}.exe"
!endif
!if /FileExists "${BUNDLE_DIR}/OrgDesk.exe"
!else
  !warning "${BUNDLE_DIR} 中没有 OrgDesk.exe：这不是 Windows 程序文件夹，生成的安装包只能用于检查脚本"
!endif

!define APP_NAME "组工管理 OrgDesk"
!define APP_EXE "OrgDesk.exe"
!define CLI_EXE "orgdesk-cli.exe"
!define PUBLISHER "县委组织部"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OrgDesk"
!define ICON_FILE "../resources/icons/orgdesk.ico"  ; makensis runs in this folder

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$PROGRAMFILES64\OrgDesk"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON_FILE}"
!define MUI_UNICON "${ICON_FILE}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APP_NAME}"
!define MUI_WELCOMEPAGE_TEXT "本向导将在这台电脑上安装 ${APP_NAME} ${VERSION}。$\r$\n$\r$\n\
OrgDesk 完全离线工作，不使用网络。每位用户的数据保存在各自的$\r$\n\
%APPDATA%\OrgDesk 文件夹中，升级或重新安装不会改动这些数据。$\r$\n$\r$\n\
点击「下一步」继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "立即运行 ${APP_NAME}"
!define MUI_UNCOMPONENTSPAGE_TEXT_TOP "默认只删除程序文件，保留您的数据库、备份和日志。$\r$\n\
如确实不再需要这些数据，请勾选「同时删除我的数据」。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${APP_NAME} 需要 64 位 Windows。"
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "程序文件" SecProgram
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the whole program folder; user data is never in it.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}/*"
  File "/oname=$INSTDIR\orgdesk.ico" "${ICON_FILE}"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\orgdesk.ico"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\演示数据库（练习用）.lnk" "$INSTDIR\${APP_EXE}" "--demo" "$INSTDIR\orgdesk.ico"
  CreateShortCut "$SMPROGRAMS\${APP_NAME}\卸载 ${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\orgdesk.ico"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\orgdesk.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "un.程序文件（开始菜单、桌面快捷方式）" UnSecProgram
  SectionIn RO
  SetShellVarContext all
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\orgdesk.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd

; Unticked by default: the clerk's database and backups survive an uninstall.
Section /o "un.同时删除我的数据（%APPDATA%\OrgDesk：数据库、备份、日志）" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \
    "将永久删除 $APPDATA\OrgDesk 中的数据库、全部备份和日志，无法恢复。$\r$\n$\r$\n确定删除吗？" \
    IDYES delete_data
  DetailPrint "已保留用户数据：$APPDATA\OrgDesk"
  Goto done
  delete_data:
    RMDir /r "$APPDATA\OrgDesk"
    DetailPrint "已删除用户数据：$APPDATA\OrgDesk"
  done:
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecProgram} "删除程序文件和快捷方式。"
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} "连同数据库和备份一起删除。仅在确定不再需要这些数据时勾选。"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
