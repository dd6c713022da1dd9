// Channels page (issue 17, admins only; CONTRACT §8): the notification channels (WeCom/DingTalk/Feishu robots,
// signed webhooks, SMS through Alibaba Cloud — the URL format shown under the field when chosen) with add, delete (two taps) and the test button, and the delivery log. A channel's topics say what
// it carries: alerts (at its tier and severity) and/or the cases' overdue notices and daily digest. A channel's secret is
// write-only: typed into a password field, sent once, the field emptied; the hub never returns it (a listing says
// only whether one is set, and shows the URL with its credentials masked). The hub's 400s name the field: the
// message is shown next to it. Every string from the hub goes in as text (dom.js).
import { api, post, showError, showInfo, hasRole, onSessionChange, ApiError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, tOr, addStrings, onLangChange } from './i18n.js';
import { severityLabel, formatTime } from './format.js';
import { loadHierarchy, communities, nameOf } from './hierarchy.js';

addStrings({
  zh: {
    'chn.title': '通知通道', 'chn.none': '还没有通知通道', 'chn.add': '添加通道',
    'chn.kind': '类型', 'chn.name': '名称', 'chn.url': '地址（Webhook URL）', 'chn.secret': '密钥（选填，保存后不再显示）',
    'chn.community': '社区', 'chn.allCommunities': '全部社区', 'chn.minSeverity': '最低级别', 'chn.tier': '梯次',
    'chn.tierN': '第 {n} 梯次', 'chn.save': '保存', 'chn.test': '测试', 'chn.delete': '删除', 'chn.confirmDelete': '确认删除',
    'chn.hasSecret': '已设置密钥', 'chn.noSecret': '无密钥', 'chn.testing': '发送中…',
    'chn.delivered': '已送达（HTTP {status}）', 'chn.failed': '发送失败：{error}', 'chn.added': '已添加通道',
    'chn.kind.webhook': '通用 Webhook（签名）', 'chn.kind.wecom': '企业微信群机器人', 'chn.kind.dingtalk': '钉钉机器人',
    'chn.kind.feishu': '飞书机器人', 'chn.log': '发送记录', 'chn.refresh': '刷新', 'chn.noLog': '暂无发送记录',
    'chn.testRow': '测试消息', 'chn.alertN': '告警 #{id}', 'chn.attempt': '第 {n} 次',
    'dlv.delivered': '已送达', 'dlv.retry': '将重试', 'dlv.failed': '失败', 'chn.err.field': '请检查此项',
    'dlv.purpose.page': '报警', 'dlv.purpose.confirmed': '火警已确认',
    'chn.topics': '推送内容', 'chn.topic.alerts': '告警', 'chn.topic.cases': '工单提醒（超期、日报）',
    'chn.topicShort.alerts': '告警', 'chn.topicShort.cases': '工单', 'chn.kind.sms': '短信（阿里云）',
    'chn.urlHint.sms': '短信：https://dysmsapi.aliyuncs.com/?AccessKeyId=…&SignName=签名&TemplateCode=SMS_…'
      + '&PhoneNumbers=138…,139…；密钥填 AccessKey Secret（必填）；模板变量 ${what} ${where} ${when}',
  },
  en: {
    'chn.title': 'Notification channels', 'chn.none': 'No channels yet', 'chn.add': 'Add a channel',
    'chn.kind': 'Kind', 'chn.name': 'Name', 'chn.url': 'Webhook URL', 'chn.secret': 'Secret (optional, never shown again)',
    'chn.community': 'Community', 'chn.allCommunities': 'All communities', 'chn.minSeverity': 'Minimum severity',
    'chn.tier': 'Tier', 'chn.tierN': 'tier {n}', 'chn.save': 'Save', 'chn.test': 'Test', 'chn.delete': 'Delete',
    'chn.confirmDelete': 'Confirm delete', 'chn.hasSecret': 'secret set', 'chn.noSecret': 'no secret',
    'chn.testing': 'Sending…', 'chn.delivered': 'Delivered (HTTP {status})', 'chn.failed': 'Failed: {error}',
    'chn.added': 'Channel added', 'chn.kind.webhook': 'Signed webhook', 'chn.kind.wecom': 'WeCom group robot',
    'chn.kind.dingtalk': 'DingTalk robot', 'chn.kind.feishu': 'Feishu bot', 'chn.log': 'Delivery log',
    'chn.refresh': 'Refresh', 'chn.noLog': 'No deliveries yet', 'chn.testRow': 'test message',
    'chn.alertN': 'alert #{id}', 'chn.attempt': 'attempt {n}', 'dlv.delivered': 'delivered', 'dlv.retry': 'will retry',
    'dlv.failed': 'failed', 'chn.err.field': 'Please check this', 'chn.topics': 'Carries',
    'dlv.purpose.page': 'alarm', 'dlv.purpose.confirmed': 'fire confirmed',
    'chn.topic.alerts': 'Alerts', 'chn.topic.cases': 'Case notices (overdue, daily digest)',
    'chn.topicShort.alerts': 'alerts', 'chn.topicShort.cases': 'cases', 'chn.kind.sms': 'SMS (Alibaba Cloud)',
    'chn.urlHint.sms': 'SMS: https://dysmsapi.aliyuncs.com/?AccessKeyId=…&SignName=…&TemplateCode=SMS_…'
      + '&PhoneNumbers=138…,139…; the secret is the AccessKey secret (required); template variables ${what} ${where} ${when}',
  },
});

const KINDS = ['webhook', 'wecom', 'dingtalk', 'feishu', 'sms'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const TOPICS = ['alerts', 'cases'];
const FIELDS = ['kind', 'name', 'url', 'secret', 'community', 'min_severity', 'tier', 'topics'];
let panel = null;
let channels = [];
let deliveries = [];
/** channel id → {text, ok} of its last test, shown in its row */
const testResults = new Map();
let armedDelete = null;

export function initChannels() {
  panel = byId('panel-channels');
  onLangChange(renderAll);
  onSessionChange(() => {
    channels = [];
    deliveries = [];
    testResults.clear();
    showTab();
  });
  showTab();
  renderAll();
}

function showTab() {
  const tab = byId('view-channels');
  if (tab) {
    tab.hidden = !hasRole('admin');
  }
}

/** Loads the channels and the log when the page is shown to an admin. */
export function setChannelsActive(on) {
  if (on && hasRole('admin')) {
    loadHierarchy().catch(() => null).then(() => {
      renderAll();
      refresh();
    });
  }
}

async function refresh() {
  try {
    const [list, log] = await Promise.all([api('/api/v1/admin/channels'), api('/api/v1/admin/deliveries?limit=50')]);
    channels = list && Array.isArray(list.channels) ? list.channels : [];
    deliveries = log && Array.isArray(log.deliveries) ? log.deliveries : [];
    renderLists();
  } catch (e) {
    showError(e);
  }
}

function renderAll() {
  if (!panel) {
    return;
  }
  if (!hasRole('admin')) {
    replace(panel);
    return;
  }
  replace(panel,
    el('h2', { text: t('chn.title') }),
    el('ul', { id: 'channel-list', 'data-testid': 'channel-list', class: 'plain-list' }),
    el('h2', { text: t('chn.add') }),
    channelForm(),
    el('div', { class: 'section-head' }, el('h2', { text: t('chn.log') }),
      el('button', { type: 'button', class: 'link-button', 'data-testid': 'delivery-refresh', text: t('chn.refresh'),
        onclick: refresh })),
    el('ul', { id: 'delivery-log', 'data-testid': 'delivery-log', class: 'plain-list' }));
  renderLists();
}

function field(name, label, input) {
  return el('div', { class: 'form-field' }, el('label', {}, el('span', { text: label }), input),
    el('p', { class: 'error field-error', dataset: { field: name }, role: 'alert', hidden: true }));
}

function options(list, label, selected) {
  return list.map((v) => el('option', { value: v, text: label(v), selected: v === selected }));
}

function channelForm() {
  return el('form', { id: 'channel-form', 'data-testid': 'channel-form', novalidate: true, autocomplete: 'off', onsubmit: submit },
    field('kind', t('chn.kind'), el('select', { name: 'kind', 'data-testid': 'channel-kind', onchange: kindChanged },
      options(KINDS, (k) => t('chn.kind.' + k), 'webhook'))),
    field('name', t('chn.name'), el('input', { name: 'name', 'data-testid': 'channel-name', maxlength: '100' })),
    field('url', t('chn.url'), el('input', { name: 'url', type: 'url', 'data-testid': 'channel-url', maxlength: '2000',
      inputmode: 'url', spellcheck: 'false' })),
    el('p', { class: 'muted small', id: 'channel-url-hint', 'data-testid': 'channel-url-hint', hidden: true }),
    field('secret', t('chn.secret'), el('input', { name: 'secret', type: 'password', 'data-testid': 'channel-secret',
      autocomplete: 'new-password', maxlength: '500' })),
    field('community', t('chn.community'), el('select', { name: 'community', 'data-testid': 'channel-community' },
      el('option', { value: '', text: t('chn.allCommunities') }),
      communities().map((c) => el('option', { value: String(c.code), text: String(c.name || c.code) })))),
    field('min_severity', t('chn.minSeverity'), el('select', { name: 'min_severity', 'data-testid': 'channel-min-severity' },
      options(SEVERITIES, severityLabel, 'low'))),
    field('tier', t('chn.tier'), el('select', { name: 'tier', 'data-testid': 'channel-tier' },
      options(['1', '2', '3'], (n) => t('chn.tierN', { n }), '1'))),
    el('fieldset', { class: 'form-field' }, el('legend', { text: t('chn.topics') }),
      el('div', { class: 'topic-chips' }, TOPICS.map((topic) => el('label', { class: 'inline' },
        el('input', { type: 'checkbox', name: 'topics', value: topic, checked: topic === 'alerts',
          'data-testid': 'channel-topic-' + topic }),
        el('span', { text: t('chn.topic.' + topic) })))),
      el('p', { class: 'error field-error', dataset: { field: 'topics' }, role: 'alert', hidden: true })),
    el('p', { id: 'channel-error', class: 'error', role: 'alert', hidden: true }),
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'channel-save', text: t('chn.save') }));
}

/** Under the URL field, the sms URL's format while sms is chosen (the other kinds' URLs come from the robot). */
function kindChanged() {
  const hint = byId('channel-url-hint');
  const kind = panel.querySelector('#channel-form [name=kind]').value;
  hint.textContent = kind === 'sms' ? t('chn.urlHint.sms') : '';
  hint.hidden = kind !== 'sms';
}

function fieldError(name, message) {
  const node = panel.querySelector('#channel-form .field-error[data-field="' + name + '"]');
  if (node) {
    node.textContent = message;
    node.hidden = !message;
  }
}

async function submit(event) {
  event.preventDefault();
  const formNode = event.target;
  FIELDS.forEach((f) => fieldError(f, ''));
  byId('channel-error').hidden = true;
  const value = (name) => formNode.elements[name].value;
  const body = {
    kind: value('kind'), name: value('name').trim(), url: value('url').trim(),
    min_severity: value('min_severity'), tier: Number(value('tier')),
    topics: [...formNode.querySelectorAll('input[name=topics]:checked')].map((c) => c.value),
  };
  if (value('secret')) {
    body.secret = value('secret');
  }
  if (value('community')) {
    body.community = value('community');
  }
  const button = formNode.querySelector('[type=submit]');
  button.disabled = true;
  try {
    await post('/api/v1/admin/channels', body);
    formNode.reset();
    formNode.elements.secret.value = '';
    kindChanged();
    showInfo(t('chn.added'));
    await refresh();
  } catch (e) {
    const m = e instanceof ApiError ? /(?:field|parameter) '([a-z_]+)'/.exec(e.message || '') : null;
    if (m && FIELDS.includes(m[1])) {
      fieldError(m[1], e.message);
      const input = formNode.elements[m[1]];
      const first = input instanceof RadioNodeList ? input[0] : input;
      if (first) {
        first.focus();
      }
    } else {
      const box = byId('channel-error');
      box.textContent = (e && e.message) || String(e);
      box.hidden = false;
    }
  } finally {
    formNode.elements.secret.value = '';
    button.disabled = false;
  }
}

function renderLists() {
  const list = byId('channel-list');
  const log = byId('delivery-log');
  if (!list || !log) {
    return;
  }
  replace(list, channels.length ? channels.map(channelRow) : el('li', { class: 'muted empty', text: t('chn.none') }));
  replace(log, deliveries.length ? deliveries.map(deliveryRow) : el('li', { class: 'muted empty', text: t('chn.noLog') }));
}

function channelRow(c) {
  const id = String(c.id);
  const result = testResults.get(id);
  const topics = Array.isArray(c.topics) ? c.topics.map(String) : ['alerts'];
  return el('li', { class: 'channel-item', dataset: { channelId: id, kind: c.kind, topics: topics.join(' ') } },
    el('div', { class: 'alert-head' }, el('strong', { text: String(c.name ?? '') }),
      el('span', { class: 'muted small', text: t('chn.kind.' + c.kind) })),
    el('div', { class: 'small mono url', text: String(c.url ?? '') }),
    el('div', { class: 'muted small', text: [c.community ? nameOf('community', c.community) : t('chn.allCommunities'),
      severityLabel(c.min_severity) + '+', t('chn.tierN', { n: c.tier }),
      c.has_secret ? t('chn.hasSecret') : t('chn.noSecret')].join(' · ') }),
    el('div', { class: 'small', 'data-testid': 'channel-topics', text: t('chn.topics') + t('sep')
      + topics.map((x) => t('chn.topicShort.' + x)).join(' + ') }),
    result ? el('div', { class: 'small ' + (result.ok ? 'ok' : 'error'), 'data-testid': 'channel-test-result',
      text: result.text }) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'small-button', 'data-testid': 'channel-test', text: t('chn.test'),
        onclick: (e) => testChannel(id, e.target) }),
      el('button', { type: 'button', class: 'small-button', 'data-testid': 'channel-delete',
        text: armedDelete === id ? t('chn.confirmDelete') : t('chn.delete'), onclick: () => deleteChannel(id) })));
}

async function testChannel(id, button) {
  button.disabled = true;
  button.textContent = t('chn.testing');
  try {
    const r = await post('/api/v1/admin/channels/' + encodeURIComponent(id) + '/test', {});
    testResults.set(id, r && r.delivered
      ? { ok: true, text: t('chn.delivered', { status: r.http_status ?? '' }) }
      : { ok: false, text: t('chn.failed', { error: (r && r.error) || '' }) });
  } catch (e) {
    testResults.set(id, { ok: false, text: t('chn.failed', { error: e.message || String(e) }) });
  }
  await refresh();
}

async function deleteChannel(id) {
  if (armedDelete !== id) {
    armedDelete = id;
    renderLists();
    return;
  }
  armedDelete = null;
  try {
    await api('/api/v1/admin/channels/' + encodeURIComponent(id), { method: 'DELETE' });
    testResults.delete(id);
  } catch (e) {
    showError(e);
  }
  await refresh();
}

// An alert's row says what it announced (its purpose, CONTRACT §8): the alarm page itself or the 火警已确认
// follow-up; a purpose this page does not know is shown as the hub sent it (as text, like every string).
function deliveryRow(d) {
  const channel = d.channel || {};
  const what = d.alert === null || d.alert === undefined ? t('chn.testRow') : t('chn.alertN', { id: d.alert });
  const purpose = d.purpose === null || d.purpose === undefined ? null : String(d.purpose);
  return el('li', { class: 'delivery-item', dataset: { deliveryId: d.delivery, status: d.status, test: d.alert === null,
    ...(purpose ? { purpose } : {}) } },
    el('div', { class: 'alert-head' },
      el('span', { class: 'status-pill dlv-' + String(d.status), text: t('dlv.' + d.status) }),
      el('strong', { text: String(channel.name ?? '') }),
      el('span', { class: 'muted small' }, what + ' · ',
        purpose ? [el('span', { 'data-testid': 'delivery-purpose', text: tOr('dlv.purpose.' + purpose, purpose) }), ' · ']
          : null,
        t('chn.tierN', { n: d.tier }))),
    el('div', { class: 'muted small', text: [formatTime(d.time), t('chn.attempt', { n: d.attempt }),
      d.http_status !== null && d.http_status !== undefined ? 'HTTP ' + d.http_status : null].filter(Boolean).join(' · ') }),
    d.error ? el('div', { class: 'small error', text: String(d.error) }) : null);
}
