; Beacon's Windows installer (NSIS, built by scripts/package with Debian's makensis).
; Installs for the current user only, so it needs no administrator: school and office PCs
; usually deny that. Start-menu entry, .gift files opened with Beacon, an uninstaller listed in
; Settings > Apps. Uninstalling removes the program and never the learners' data folder.
;   makensis -DVERSION=0.1.0 -DEXE=path\to\beacon.exe -DICON=beacon.ico -DREADME=README.txt -DWEB=path\to\web -DOUTFILE=out.exe installer.nsi
; WEB is the browser build scripts/package ships beside the program (index.html, beacon.js,
; beacon_bg.wasm.br): the Classroom screen packages it for an LMS (SCORM).

; beacon.exe is built for x86_64 only, so the installer is too: a 64-bit installer also runs under
; Debian's wine64 (the smoke test), which cannot run 32-bit programs without i386 multiarch.
Target amd64-unicode
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "Win\COM.nsh"
!include "Win\Propkey.nsh"

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

; Puts the AppUserModelID that beacon.exe gives itself at start (src/main.rs) on a shortcut (its
; path on the stack), so Windows groups the running window with the Start-menu entry and pins
; that entry rather than a bare beacon.exe. NSIS has no command for it: the shortcut's property
; store, through the COM helpers NSIS itself ships (Include\Win\COM.nsh and Propkey.nsh). Leaves
; in $R9 the HRESULT of the first step that failed, or 0 when the id was set and saved.
Function SetShortcutAppId
  Exch $R0
  Push $0
  Push $1
  Push $2
  Push $3
  Push $4
  Push $5
  StrCpy $R9 -1
  !insertmacro ComHlpr_CreateInProcInstance ${CLSID_ShellLink} ${IID_IShellLink} r0 ""
  ${If} $0 P<> 0
    ${IUnknown::QueryInterface} $0 '("${IID_IPersistFile}",.r1)'
    ${If} $1 P<> 0
      ${IPersistFile::Load} $1 '("$R0",${STGM_READWRITE}).R9'
      ${If} $R9 = 0
        StrCpy $R9 -1
        ${IUnknown::QueryInterface} $0 '("${IID_IPropertyStore}",.r2)'
        ${If} $2 P<> 0
          System::Call '*${SYSSTRUCT_PROPERTYKEY}(${PKEY_AppUserModel_ID})p.r3'
          System::Call '*(&w64 "${APP_ID}")p.r4'
          ; PROPVARIANT (24 bytes on x64): vt, three reserved words, the string's address and
          ; the rest of its union.
          System::Call '*(&i2 ${VT_LPWSTR}, &i2 0, &i2 0, &i2 0, p r4, p 0)p.r5'
          ${IPropertyStore::SetValue} $2 '($3,$5).R9'
          ${If} $R9 = 0
            ${IPropertyStore::Commit} $2 '().R9'
          ${EndIf}
          ${If} $R9 = 0
            ${IPersistFile::Save} $1 '("$R0",1).R9'
          ${EndIf}
          System::Free $5
          System::Free $4
          System::Free $3
          ${IUnknown::Release} $2 ""
        ${EndIf}
      ${EndIf}
      ${IUnknown::Release} $1 ""
    ${EndIf}
    ${IUnknown::Release} $0 ""
  ${EndIf}
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Pop $0
  Pop $R0
FunctionEnd

Section "Beacon"
  SetOutPath "$INSTDIR"
  File "/oname=beacon.exe" "${EXE}"
  File "/oname=README.txt" "${README}"
  SetOutPath "$INSTDIR\web"
  File "${WEB}/index.html"
  File "${WEB}/beacon.js"
  File "${WEB}/beacon_bg.wasm.br"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${APP_ID}" "InstallDir" "$INSTDIR"

  CreateShortCut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\beacon.exe" "" "$INSTDIR\beacon.exe" 0
  Push "$SMPROGRAMS\${NAME}.lnk"
  Call SetShortcutAppId
  DetailPrint "AppUserModelID on the shortcut: HRESULT $R9"
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
  Delete "$INSTDIR\web\index.html"
  Delete "$INSTDIR\web\beacon.js"
  Delete "$INSTDIR\web\beacon_bg.wasm.br"
  RMDir "$INSTDIR\web"
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
