// Shared by the screens: JSON calls with the antiforgery token, and text-only DOM building.
window.monitor = (function () {
  "use strict";
  const token = document.querySelector('meta[name="csrf-token"]')?.content || "";

  async function call(url, options) {
    const response = await fetch(url, Object.assign({ credentials: "same-origin", headers: { Accept: "application/json", "X-CSRF-TOKEN": token, "Content-Type": "application/json" } }, options || {}));
    if (response.status === 401) { window.location.href = "/login?returnUrl=" + encodeURIComponent(location.pathname); throw new Error("请先登录"); }
    if (!response.ok) {
      // Problem details carry the server's own Chinese explanation (window closed, budget spent, validation).
      let detail = "";
      try { const problem = await response.json(); detail = problem.detail || Object.values(problem.errors || {}).flat().join("；"); } catch (e) { detail = ""; }
      throw new Error(detail ? `${detail}（HTTP ${response.status}）` : "HTTP " + response.status);
    }
    return response.status === 204 ? null : response.json();
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function time(iso) { return new Date(iso).toLocaleString("zh-CN", { hour12: false }); }

  return { call, el, time };
})();
