; Beacon's Windows installer (NSIS, built by scripts/package with Debian's makensis).
; Installs for the current user only, so it needs no administrator: school and office PCs
; usually deny that. Start-menu entry, .gift files opened with Beacon, an uninstaller listed in
; Settings > Apps. Uninstalling removes the program and never the learners' data folder.
;   makensis -DVERSION=0.1.0 -DEXE=path\to\beacon.exe -DICON=beacon.ico -DREADME=README.txt -DOUTFILE=out.exe installer.nsi

; beacon.exe is built for x86_64 only, so the installer is too: a 64-bit installer also runs under
; Debian's wine64 (the smoke test), which cannot run 32-bit programs without i386 multiarch.
Target amd64-unicode
!include "MUI2.nsh"
!include "FileFunc.nsh"

!define APP_ID "org.beaconlearning.Beacon"
!define NAME "Beacon"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "Software\${APP_ID}" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${NAME}"
VIAddVersionKey "FileDescription" "${NAME} installer"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "MIT OR Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\beacon.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start Beacon"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "Beacon"
  SetOutPath "$INSTDIR"
  File "/oname=beacon.exe" "${EXE}"
  File "/oname=README.txt" "${README}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APP_ID}" "InstallDir" "$INSTDIR"

  CreateShortCut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\beacon.exe" "" "$INSTDIR\beacon.exe" 0
  ; .gift files: "Open with Beacon" adds the file to the courses and opens it.
  WriteRegStr HKCU "Software\Classes\.gift" "" "${APP_ID}.gift"
  WriteRegStr HKCU "Software\Classes\.gift\OpenWithProgids" "${APP_ID}.gift" ""
  WriteRegStr HKCU "Software\Classes\${APP_ID}.gift" "" "GIFT quiz file"
  WriteRegStr HKCU "Software\Classes\${APP_ID}.gift\DefaultIcon" "" "$INSTDIR\beacon.exe,0"
  WriteRegStr HKCU "Software\Classes\${APP_ID}.gift\shell\open\command" "" '"$INSTDIR\beacon.exe" "%1"'

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Beacon team"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\beacon.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; The learners' progress lives in %APPDATA%\Beacon: it is kept, as the README says.
  Delete "$SMPROGRAMS\${NAME}.lnk"
  Delete "$INSTDIR\beacon.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "Software\Classes\${APP_ID}.gift"
  DeleteRegValue HKCU "Software\Classes\.gift\OpenWithProgids" "${APP_ID}.gift"
  ReadRegStr $0 HKCU "Software\Classes\.gift" ""
  StrCmp $0 "${APP_ID}.gift" 0 +2
    DeleteRegValue HKCU "Software\Classes\.gift" ""
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_ID}"
SectionEnd
