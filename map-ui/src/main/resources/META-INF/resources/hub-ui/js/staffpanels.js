// The staff panels' markup (issue 20, "phone first"): the cases list and report, the security console with its
// incident card, the installer's lists and the overview. A resident never sees them before signing in, so they are
// not in index.html (whose parsing, DOM and styles every phone pays for at start) but in the staff views' chunk:
// staffviews.js fills index.html's empty section shells from here before any view is wired. The ids, data-testids
// and data-i18n keys are those the views and their browser tests use.
//
// Each entry is a constant: static markup written here, with no value interpolated into it, parsed by an inert
// <template> (no script runs, no resource is fetched while parsing). Untrusted text never goes through this path:
// the views fill the panels with textContent and DOM nodes (dom.js) as before. Safe under the page's CSP (no inline
// script or handler here).
import { byId } from './dom.js';
import { applyStatic } from './i18n.js';

const PANELS = {
  cases: `
<p id="case-digest" data-testid="case-digest" class="notice small" hidden></p>
<div id="case-card" data-testid="case-card" class="card case-card" hidden></div>
<div class="section-head"><h2 data-i18n="case.list">工单</h2>
  <button type="button" id="case-refresh" class="link-button" data-i18n="ins.refresh">刷新</button></div>
<div class="button-row">
  <select id="case-status-filter" data-testid="case-status-filter"></select>
  <label class="inline small"><input type="checkbox" id="case-overdue-filter" data-testid="case-overdue-filter">
    <span data-i18n="case.overdueOnly">只看超期</span></label>
</div>
<ul id="case-list" data-testid="case-list" class="plain-list"></ul>
<section id="case-report" data-testid="case-report" hidden>
  <h2 data-i18n="cr.title">周报 / 月报</h2>
  <div class="button-row">
    <select id="cr-period" data-testid="cr-period"></select>
    <input id="cr-date" data-testid="cr-date" type="date">
    <button type="button" id="cr-show" data-testid="cr-show" data-i18n="cr.show">查看</button>
    <button type="button" id="cr-csv" data-testid="cr-csv" data-i18n="cr.csv">下载 CSV</button>
  </div>
  <div id="cr-table" data-testid="cr-table"></div>
</section>
`,
  console: `
<div id="incident-card" data-testid="incident-card" class="card incident" hidden>
  <div class="card-head"><h2 data-i18n="con.card">事件卡片</h2>
    <button type="button" id="incident-close" class="link-button" data-i18n="res.close">关闭</button></div>
  <div id="incident-summary" data-testid="incident-summary"></div>
  <div class="button-row">
    <button type="button" id="ack-button" data-testid="ack-button" class="primary" data-i18n="con.ack" hidden>确认</button>
    <button type="button" id="confirm-fire-button" data-testid="confirm-fire-button" class="primary" data-i18n="con.confirmFire" hidden>确认真火警</button>
    <button type="button" id="take-button" data-testid="take-button" data-i18n="con.take" hidden>我去处理</button>
    <a id="call-119" data-testid="call-119" class="button primary" href="tel:119" data-i18n="con.call119" hidden>拨打 119</a>
    <button type="button" id="resolve-button" data-testid="resolve-button" data-i18n="con.resolve" hidden>处理完成</button>
  </div>
  <form id="resolve-form" data-testid="resolve-form" hidden>
    <fieldset>
      <legend data-i18n="con.outcome">处理结果</legend>
      <label class="inline"><input type="radio" name="outcome" value="resolved" checked>
        <span data-i18n="con.outcome.resolved">已解决</span></label>
      <label class="inline"><input type="radio" name="outcome" value="false_alarm">
        <span data-i18n="con.outcome.false_alarm">误报</span></label>
    </fieldset>
    <label><span data-i18n="con.note">备注 / 原因</span>
      <textarea id="resolve-note" data-testid="resolve-note" name="note" rows="2" maxlength="1000"></textarea></label>
    <p id="resolve-error" class="error" role="alert" hidden></p>
    <div class="button-row">
      <button type="submit" id="resolve-submit" data-testid="resolve-submit" class="primary" data-i18n="con.submit">提交</button>
      <button type="button" id="resolve-cancel" data-i18n="con.cancel">取消</button>
    </div>
  </form>
  <form id="assign-form" data-testid="assign-form" class="respond-form" hidden>
    <label><span data-i18n="con.assignTo">指派给同事</span>
      <select id="assign-select" data-testid="assign-select" name="assignee"></select></label>
    <button type="submit" id="assign-submit" data-testid="assign-submit" data-i18n="con.assign">指派</button>
    <p id="assign-error" data-testid="assign-error" class="error" role="alert" hidden></p>
  </form>
  <div id="alert-case-box" data-testid="alert-case-box" class="respond-form" hidden>
    <button type="button" id="alert-case" data-testid="alert-case" data-i18n="con.toCase">转为工单</button>
    <p id="alert-case-result" data-testid="alert-case-result" class="small" role="status" hidden></p>
    <p id="alert-case-error" data-testid="alert-case-error" class="error" role="alert" hidden></p>
  </div>
  <section id="comments-box" data-testid="comments-box" hidden>
    <h3 data-i18n="con.comments">处理记录</h3>
    <ol id="incident-comments" data-testid="incident-comments" class="plain-list comment-list"></ol>
    <form id="comment-form" data-testid="comment-form" class="respond-form">
      <label><span data-i18n="con.commentLabel">补充情况</span>
        <textarea id="comment-text" data-testid="comment-text" name="text" rows="2" maxlength="2000"
          data-i18n-placeholder="con.commentHint"></textarea></label>
      <button type="submit" id="comment-submit" data-testid="comment-submit" class="primary" data-i18n="con.commentAdd">发送</button>
      <p id="comment-error" data-testid="comment-error" class="error" role="alert" hidden></p>
    </form>
  </section>
  <h3 data-i18n="con.nearby">附近消防与安保设施</h3>
  <ul id="incident-nearby" data-testid="incident-nearby" class="plain-list"></ul>
  <h3 data-i18n="con.events">设备最近事件</h3>
  <ul id="incident-events" data-testid="incident-events" class="event-list"></ul>
</div>
<div class="section-head"><h2 data-i18n="con.alerts">告警</h2>
  <label class="inline small"><input type="checkbox" id="device-layer-toggle" data-testid="device-layer-toggle">
    <span data-i18n="con.devices">显示设备状态</span></label></div>
<ul id="alert-list" data-testid="alert-list" class="plain-list"></ul>
<details id="alert-history" data-testid="alert-history" class="history"></details>
`,
  installer: `
<div class="button-row"><button type="button" id="register-open" data-testid="register-open" class="primary"
  data-i18n="reg.open">登记设备</button></div>
<section id="register-section" data-testid="register-section" class="card" hidden></section>
<section id="watch-section" data-testid="watch-section" hidden>
  <div id="watched-device" data-testid="watched-device" class="card"></div>
  <h3 data-i18n="ins.feed">实时事件</h3>
  <ul id="event-feed" data-testid="event-feed" class="event-list"></ul>
  <div class="section-head"><h3 data-i18n="ins.rejects">被拒绝的消息</h3>
    <button type="button" id="rejects-refresh" class="link-button" data-i18n="ins.refresh">刷新</button></div>
  <ul id="reject-list" data-testid="reject-list" class="event-list"></ul>
</section>
<h2 data-i18n="ins.devices">设备</h2>
<div class="button-row">
  <input id="device-filter" data-testid="device-filter" type="search" data-i18n-placeholder="ins.filter">
  <select id="device-status-filter" data-testid="device-status-filter"></select>
</div>
<ul id="device-list" data-testid="device-list" class="plain-list"></ul>
<div class="section-head"><h2 data-i18n="ins.unregistered">未登记设备</h2>
  <button type="button" id="unregistered-refresh" class="link-button" data-i18n="ins.refresh">刷新</button></div>
<ul id="unregistered-list" data-testid="unregistered-list" class="plain-list"></ul>
`,
  overview: `
<h2 data-i18n="ov.title">社区概览</h2>
<div id="overview-list" data-testid="overview-list"></div>
`,
};

/**
 * Fills the empty shells #panel-cases, #panel-console, #panel-installer and #panel-overview with their markup, in
 * the page's language; once (a shell with content is left as it is). Call before the views' init functions. Costs
 * one parse of ~7 KB of markup (a few ms on a phone), on the main thread.
 */
export function mountStaffPanels() {
  for (const [name, markup] of Object.entries(PANELS)) {
    const shell = byId('panel-' + name);
    if (!shell || shell.firstElementChild) {
      continue;
    }
    const template = document.createElement('template');
    template.innerHTML = markup.trim();
    shell.append(template.content);
    applyStatic(shell);
  }
}
