// Rich-text editing of an entry's body with pell (vendor/pell.min.js, npm pell@1.0.6, MIT). The editor writes
// its HTML into the form's textarea, which is what the server receives and sanitises with nh3 whatever the
// client sends. "HTML源码" shows the textarea itself; without JavaScript the textarea is edited directly.
(function () {
  "use strict";
  if (!window.pell) { return; }
  var exec = window.pell.exec;
  function block(tag) { return function () { exec("formatBlock", "<" + tag + ">"); }; }
  document.querySelectorAll("textarea[data-rich-text]").forEach(function (area) {
    var box = document.createElement("div");
    box.className = "rich-text";
    area.parentNode.insertBefore(box, area);
    var editor = window.pell.init({
      element: box,
      defaultParagraphSeparator: "p",
      styleWithCSS: false,
      onChange: function (html) { area.value = html; },
      actions: [
        { name: "bold", title: "加粗", icon: "<b>粗</b>" },
        { name: "italic", title: "倾斜", icon: "<i>斜</i>" },
        { name: "h2", title: "小标题", icon: "标题", result: block("h2") },
        { name: "h3", title: "三级标题", icon: "小节", result: block("h3") },
        { name: "p", title: "正文段落", icon: "段落", result: block("p") },
        { name: "olist", title: "编号列表", icon: "1." },
        { name: "ulist", title: "项目列表", icon: "•" },
        {
          name: "link", title: "插入链接", icon: "链接",
          result: function () {
            var url = window.prompt("链接地址（http:// 或 https://）");
            if (url) { exec("createLink", url); }
          }
        }
      ],
      classes: { actionbar: "pell-actionbar", button: "pell-button", content: "pell-content", selected: "pell-button-selected" }
    });
    editor.content.innerHTML = area.value;
    editor.content.setAttribute("role", "textbox");
    editor.content.setAttribute("aria-multiline", "true");
    editor.content.setAttribute("aria-label", "正文");
    area.hidden = true;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "button rich-text__source";
    toggle.textContent = "HTML源码";
    toggle.setAttribute("aria-pressed", "false");
    toggle.addEventListener("click", function () {
      var source = area.hidden;
      if (!source) { editor.content.innerHTML = area.value; }
      area.hidden = !source;
      box.hidden = source;
      toggle.textContent = source ? "可视化编辑" : "HTML源码";
      toggle.setAttribute("aria-pressed", source ? "true" : "false");
    });
    area.parentNode.insertBefore(toggle, area);
  });
}());
