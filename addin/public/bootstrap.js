/*
 * The task pane's first script: a classic ES5 script, because it must run in every webview Office
 * may host the pane in. Excel 2019 volume-licensed, and Excel 2016/2019 without the WebView2
 * runtime, show add-ins in Internet Explorer 11 or Edge Legacy, where the pane's ES2020 module
 * bundle never runs and the pane would stay blank; there this script says why and what to do.
 * Elsewhere, if Office.js did not arrive from Microsoft's CDN, it says that, with a retry button.
 * The text lives here, not in words.ts, because words.ts travels in the bundle that may not run.
 * Versions: https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins
 */
(function () {
  'use strict';

  // The server that serves this pane also serves the spreadsheet routes (GET /export/…, POST /import).
  var SERVER = window.location.protocol + '//' + window.location.host;

  // Vietnamese title and paragraphs, then one English paragraph.
  var OLD_WEBVIEW = [
    'Excel này không chạy được add-in Chỉ tiêu',
    'Excel đang mở add-in bằng trình duyệt cũ của Windows (Internet Explorer 11 hoặc Edge Legacy). ' +
      'Điều này xảy ra với Excel 2019 bản cấp phép số lượng lớn (volume license) và với Excel 2016/2019 ' +
      'trên máy chưa cài Microsoft Edge WebView2.',
    'Add-in chạy được trên: Microsoft 365, Excel 2021, Excel 2024 (kể cả bản LTSC 2021/2024) và Excel ' +
      'trên trình duyệt (Excel on the web: mở tệp từ OneDrive hoặc SharePoint bằng Edge hay Chrome).',
    'Cách làm: dùng add-in trong Excel trên trình duyệt; hoặc nhờ bộ phận tin học nâng cấp Office ' +
      '(với Excel 2016/2019 bản mua lẻ, cài Microsoft Edge WebView2 Runtime là đủ).',
    'Xem phiên bản Excel: File › Account › About Excel (Tệp › Tài khoản › Giới thiệu về Excel).',
    'Không cần add-in: tải bảng số liệu dạng Excel tại ' +
      SERVER +
      '/export/province.xlsx?province=<mã tỉnh> (hoặc bảng nhiệm kỳ: /export/term.xlsx?term=<mã nhiệm kỳ>), ' +
      'sửa trong Excel bất kỳ hoặc LibreOffice, rồi gửi lại tệp tới ' +
      SERVER +
      '/import: máy chủ trả về bản có cột Kết quả cho từng dòng (xem Hướng dẫn sử dụng, mục “Dùng tệp Excel không cần add-in”).',
    'This Excel shows add-ins in Internet Explorer 11 or Edge Legacy, which cannot run this ' +
      'add-in. Use Microsoft 365, Excel 2021/2024 (LTSC included) or Excel on the web. Your version: ' +
      'File › Account › About Excel. Without the add-in: download the table as .xlsx from ' +
      SERVER +
      '/export/province.xlsx?province=<code>, edit it in any Excel or LibreOffice, and upload it to ' +
      SERVER +
      "/import, which answers with each row's outcome (docs/api.md, “Spreadsheets”).",
  ];

  var NO_OFFICE = [
    'Không tải được thư viện Office',
    'Add-in cần thư viện Office.js từ máy chủ của Microsoft (appsforoffice.microsoft.com) nhưng không ' +
      'tải được. Hãy kiểm tra kết nối mạng và nhờ bộ phận tin học cho phép truy cập ' +
      'appsforoffice.microsoft.com qua tường lửa hoặc proxy, rồi bấm Thử lại.',
    "The Office library (Office.js) could not be loaded from Microsoft's server. Check the " +
      'network, and that the firewall or proxy allows appsforoffice.microsoft.com, then retry.',
  ];

  /** Whether the bundle can run: ES modules, the APIs it assumes, and its ES2020 syntax. */
  function modernWebview() {
    if (!('noModule' in document.createElement('script'))) return false;
    if (typeof Promise !== 'function' || typeof fetch !== 'function') return false;
    try {
      // Compiled, never called: Edge Legacy cannot parse ?. and ??, which fill the bundle.
      Function('a', 'return a?.b ?? 0');
    } catch (e) {
      // Only a SyntaxError says something; a policy forbidding eval proves nothing either way.
      if (e instanceof SyntaxError) return false;
    }
    return true;
  }

  function show(id, lines, retry) {
    var box = document.createElement('div');
    box.id = id;
    box.setAttribute('role', 'alert');
    box.style.padding = '16px';
    box.style.fontFamily = "'Segoe UI', system-ui, sans-serif";
    box.style.fontSize = '14px';
    box.style.lineHeight = '1.4';
    var title = document.createElement('h1');
    title.style.fontSize = '18px';
    title.appendChild(document.createTextNode(lines[0]));
    box.appendChild(title);
    for (var i = 1; i < lines.length; i++) {
      var p = document.createElement('p');
      if (i === lines.length - 1) p.lang = 'en';
      p.appendChild(document.createTextNode(lines[i]));
      box.appendChild(p);
    }
    if (retry) {
      var button = document.createElement('button');
      button.type = 'button';
      button.appendChild(document.createTextNode('Thử lại (Retry)'));
      button.onclick = function () {
        window.location.reload();
      };
      box.appendChild(button);
    }
    document.body.insertBefore(box, document.body.firstChild);
  }

  var modern = modernWebview();
  // By DOMContentLoaded Office.js (a blocking script in <head>) has loaded or failed, and the module
  // bundle has run; without Office the bundle renders nothing and leaves the explaining to this.
  document.addEventListener('DOMContentLoaded', function () {
    if (!modern) show('bootstrap-old-webview', OLD_WEBVIEW, false);
    else if (typeof Office === 'undefined') show('bootstrap-no-office', NO_OFFICE, true);
  });
})();
