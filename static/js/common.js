// Shared helpers: translated strings, JSON calls with the CSRF token, small DOM builder.
"use strict";

window.App = (function () {
  const strings = JSON.parse(document.getElementById("i18n").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  function t(key) {
    return strings[key] || key;
  }

  // Build an element: el("li", {class: "x", text: "y"}, [children]).
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function toast(message, kind) {
    let box = document.getElementById("toast");
    if (!box) {
      box = el("div", {id: "toast", role: "alert", class: "toast"});
      document.body.append(box);
    }
    box.textContent = message;
    box.className = "toast toast-" + (kind || "error");
    box.hidden = false;
    clearTimeout(box._timer);
    box._timer = setTimeout(() => { box.hidden = true; }, 5000);
  }

  // Call the JSON API; a refusal shows its reason and rejects.
  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": csrf},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location = "/login?next=" + encodeURIComponent(window.location.pathname);
      throw new Error("unauthorized");
    }
    const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) {
      toast(data.error || t("error"));
      throw new Error(data.error || response.status);
    }
    return data;
  }

  // Forms that ask before they send (data-confirm), without window.confirm on tablets
  // that may block it: a second tap within five seconds confirms.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.dataset.confirm) return;
    if (form.dataset.armed === "1") return;
    event.preventDefault();
    form.dataset.armed = "1";
    const button = form.querySelector("button");
    const label = button.textContent;
    button.textContent = form.dataset.confirm;
    button.classList.add("btn-armed");
    setTimeout(() => {
      form.dataset.armed = "";
      button.textContent = label;
      button.classList.remove("btn-armed");
    }, 5000);
  });

  return {t, el, api, toast};
})();
