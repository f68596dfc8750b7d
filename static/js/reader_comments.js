// Comments on a draft (góp ý): on the page being read, optionally quoting the passage
// selected in the text layer; editable and withdrawable until the deadline.
"use strict";

window.ReaderComments = (function () {
  const {t, el, api, toast} = App;
  const $ = (id) => document.getElementById(id);
  let cfg, selectedRange, currentPage;
  let comments = [], commentsOpen = false, quote = "";

  function commentSelection() {
    const range = selectedRange();
    if (!range) return;
    quote = range.toString().trim().slice(0, 2000);
    window.getSelection().removeAllRanges();
    $("selection-bar").hidden = true;
    $("comment-quote").textContent = "“" + quote + "”";
    $("comment-quote").hidden = false;
    $("comment-text").focus();
  }

  function commentItem(c) {
    const where = c.page_number ? t("reader_page") + " " + c.page_number : t("reader_whole");
    const nodes = [el("p", {class: "comment-where", text: where}),
                   c.quote ? el("blockquote", {class: "quote", text: "“" + c.quote + "”"}) : null,
                   el("p", {class: "comment-text", text: c.text})];
    if (c.status === "withdrawn") {
      nodes.push(el("p", {class: "hint", text: t("reader_withdrawn")}));
    } else if (commentsOpen) {
      nodes.push(el("div", {class: "row"}, [
        el("button", {type: "button", class: "btn btn-small", text: t("reader_edit"),
                      onclick: () => editComment(c)}),
        el("button", {type: "button", class: "btn btn-small btn-danger",
                      text: t("reader_withdraw_comment"),
                      onclick: () => api("POST", cfg.api + "/comments/" + c.id + "/withdraw")
                        .then(reloadComments)})]));
    }
    return el("li", {class: "comment-item" + (c.status === "withdrawn" ? " is-withdrawn" : "")},
              nodes);
  }

  function editComment(c) {
    const text = $("comment-text");
    text.value = c.text;
    text.dataset.editing = String(c.id);
    text.focus();
  }

  function reloadComments() {
    if (!cfg || !cfg.is_draft) return Promise.resolve();
    return api("GET", cfg.api + "/comments").then((data) => {
      comments = data.comments;
      commentsOpen = data.comments_open;
      $("comment-form").hidden = !commentsOpen;
      $("comment-deadline").textContent = !commentsOpen ? t("reader_comments_closed")
        : cfg.comment_deadline ? t("reader_deadline") + " " + cfg.comment_deadline : "";
      $("comments").replaceChildren(...comments.map(commentItem));
    });
  }

  function submitComment(e) {
    e.preventDefault();
    const box = $("comment-text");
    const text = box.value.trim();
    if (!text) { toast(t("reader_write_comment")); return; }
    const id = box.dataset.editing;
    const call = id
      ? api("PATCH", cfg.api + "/comments/" + id, {text})
      : api("POST", cfg.api + "/comments", {text, quote, page_number: currentPage(),
                                            version: cfg.version});
    call.then(() => {
      box.value = "";
      delete box.dataset.editing;
      quote = "";
      $("comment-quote").hidden = true;
      toast(t("reader_comment_sent"), "ok");
      return reloadComments();
    }, () => {});
  }

  function init(ctx) {
    ({cfg, selectedRange} = ctx);
    currentPage = ctx.page;
    if (!cfg.is_draft) return;
    $("sel-comment").addEventListener("click", commentSelection);
    $("comment-form").addEventListener("submit", submitComment);
    reloadComments().catch(() => {});
  }

  return {init, reload: reloadComments};
})();
