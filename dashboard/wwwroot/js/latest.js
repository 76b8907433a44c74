// Latest messages: polls the JSON API and redraws the table. Citizen text is set with textContent, never as HTML.
(function () {
  "use strict";
  const body = document.querySelector("#latest tbody");
  const status = document.getElementById("status");
  const kinds = { text: "文字", voice: "语音", image: "图片", video: "视频", shortvideo: "小视频", location: "位置", link: "链接" };
  const sentimentNames = { positive: "正面", negative: "负面" };

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function row(m) {
    const tr = document.createElement("tr");
    tr.dataset.id = m.id;
    tr.dataset.caseNumber = m.caseNumber;
    tr.dataset.state = m.analysisState;
    tr.appendChild(cell(new Date(m.receivedAt).toLocaleString("zh-CN", { hour12: false })));
    tr.appendChild(cell(m.caseNumber, "case"));
    tr.appendChild(cell(kinds[m.kind] || m.kind));
    tr.appendChild(cell(m.text, "text"));
    tr.appendChild(cell(m.tokens ? m.tokens.join(" / ") : "", "tokens"));
    const label = m.sentiment ? sentimentNames[m.sentiment] || m.sentiment : (m.analysisState === "failed" ? "分析失败，将重试" : "分析中…");
    const sentiment = cell(label, "sentiment sentiment-" + (m.sentiment || "pending"));
    if (m.sentiment) sentiment.dataset.sentiment = m.sentiment;
    tr.appendChild(sentiment);
    tr.appendChild(cell(m.sentimentScore == null ? "" : m.sentimentScore.toFixed(2)));
    return tr;
  }

  async function refresh() {
    try {
      const response = await fetch("/api/messages/latest?count=50", { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.status === 401) { window.location.href = "/login?returnUrl=/"; return; }
      if (!response.ok) throw new Error("HTTP " + response.status);
      const messages = await response.json();
      body.replaceChildren(...messages.filter(m => !m.kind.startsWith("event")).map(row));
      status.textContent = "已更新 " + new Date().toLocaleTimeString("zh-CN", { hour12: false });
      document.body.dataset.loaded = "true";
    } catch (e) {
      status.textContent = "更新失败：" + e.message;
    }
  }

  refresh();
  setInterval(refresh, 2000);
})();
