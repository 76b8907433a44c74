// Label corrections on the queue: a "更正标签" button on every row opens a small dialog; the correction is stored for
// retraining (the analysis shown stays what the model said). Kept apart from queue.js: it only adds to the rows.
(function () {
  "use strict";
  const { call, el } = window.monitor;
  const body = document.querySelector("#queue tbody");
  const status = document.getElementById("status");
  if (!body) return;
  const tasks = {
    sentiment: { name: "情感", labels: { positive: "正面", negative: "负面" } },
    emotion: { name: "情绪", labels: { angry: "愤怒", happy: "高兴", neutral: "中性", sad: "悲伤", fear: "恐惧", surprise: "惊讶" } },
    topic: { name: "话题", labels: null },
    service: { name: "服务类型", labels: { "政务查询": "政务查询", "污染举报": "污染举报", "涉黑举报": "涉黑举报", "其他": "其他" } },
    urgency: { name: "紧急度", labels: null },
  };

  const dialog = el("dialog");
  dialog.id = "correct-dialog";
  const form = el("form");
  form.method = "dialog";
  const heading = el("h2", "更正标签");
  const task = el("select");
  task.name = "task";
  for (const [key, t] of Object.entries(tasks)) { const o = el("option", t.name); o.value = key; task.append(o); }
  const holder = el("span");
  const send = el("button", "提交更正");
  send.value = "send";
  const cancel = el("button", "取消");
  cancel.value = "cancel";
  cancel.formNoValidate = true;
  const menu = el("menu");
  menu.append(cancel, send);
  form.append(heading, el("label", "任务 "), task, el("label", " 正确标签 "), holder, menu);
  dialog.append(form);
  document.body.append(dialog);
  let current = null;

  function labelInput() {
    const t = tasks[task.value];
    let input;
    if (t.labels) {
      input = el("select");
      for (const [value, text] of Object.entries(t.labels)) { const o = el("option", text); o.value = value; input.append(o); }
    } else {
      input = el("input");
      input.required = true;
      if (task.value === "urgency") { input.type = "number"; input.min = "0"; input.max = "100"; } else { input.maxLength = 32; input.placeholder = "如：城乡建设"; }
    }
    input.name = "label";
    holder.replaceChildren(input);
  }

  task.addEventListener("change", labelInput);
  labelInput();

  dialog.addEventListener("close", async () => {
    const row = current;
    current = null;
    if (dialog.returnValue !== "send" || !row) return;
    try {
      await call(`/api/messages/${row.dataset.id}/labels`, { method: "POST", body: JSON.stringify({ task: task.value, label: form.elements.label.value }) });
      status.textContent = `${row.dataset.caseNumber} 的${tasks[task.value].name}已更正（用于模型再训练）`;
    } catch (e) { status.textContent = "更正失败：" + e.message; }
  });

  function decorate() {
    for (const tr of body.querySelectorAll("tr")) {
      const actions = tr.querySelector("td.actions");
      if (!actions || actions.querySelector("[data-action=correct]")) continue;
      const b = el("button", "更正标签");
      b.type = "button";
      b.dataset.action = "correct";
      b.addEventListener("click", () => { current = tr; heading.textContent = "更正标签 " + tr.dataset.caseNumber; form.reset(); labelInput(); dialog.showModal(); });
      actions.append(b);
    }
  }

  new MutationObserver(decorate).observe(body, { childList: true });
  decorate();
})();
