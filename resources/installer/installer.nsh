; Included by electron-builder's NSIS script (electron-builder.config.cjs, nsis.include).
; The page that shows resources/installer/notice.txt is NSIS's licence page: it is shown as
; 使用须知 with its own header and button, not as a licence to accept. customWelcomePage is
; inserted just before that page, so these defines are taken by it.
!macro customWelcomePage
  !define MUI_PAGE_HEADER_TEXT "使用须知"
  !define MUI_PAGE_HEADER_SUBTEXT "安装机关党务工作台之前，请阅读以下须知。"
  !define MUI_LICENSEPAGE_TEXT_TOP "按 Page Down 键查看其余内容。"
  !define MUI_LICENSEPAGE_TEXT_BOTTOM "阅读完毕后，单击“我已阅读”继续安装。"
  !define MUI_LICENSEPAGE_BUTTON "我已阅读(&A)"
!macroend
