// UI strings (Chinese default, English switch). The choice persists in localStorage.

const STRINGS = {
  zh: {
    'app.title': '社区地图', 'app.title.short': '社区',
    'tab.residents': '居民', 'tab.console': '安保', 'tab.installer': '安装', 'tab.overview': '概览',
    'lang.switch': 'EN', 'lang.switch.label': 'Switch to English',
    'conn.online': '在线', 'conn.reconnecting': '重连中', 'conn.offline': '未连接',
    'panel.toggle': '展开/收起面板', 'basemap': '底图', 'basemap.none': '无底图',
    'basemap.unavailable': '底图无法加载，仅显示矢量图层',
    'login.title': '登录', 'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录',
    'login.failed': '登录失败', 'logout': '退出', 'login.needed': '此页面需要登录',
    'res.areas': '社区 / 小区 / 楼栋', 'res.all': '全部社区', 'res.back': '返回上一级',
    'res.counts.community': '{compounds} 个小区 · {buildings} 栋楼',
    'res.counts.compound': '{buildings} 栋楼', 'res.counts.building': '{floors} 层',
    'res.level.community': '社区', 'res.level.compound': '小区', 'res.level.building': '楼栋',
    'res.nearby': '附近设施', 'res.nearMe': '我附近', 'res.nearPoint': '在地图上选点',
    'res.nearPoint.armed': '请点击地图选择位置', 'res.locating': '正在定位…',
    'res.geo.denied': '无法获取您的位置（已拒绝或不可用）。请在地图上点选一个位置。',
    'res.geo.unsupported': '此浏览器不支持定位。请在地图上点选一个位置。',
    'res.noResults': '附近没有找到设施', 'res.loading': '加载中…',
    'res.search': '搜索设施或楼栋', 'res.search.none': '没有匹配结果',
    'res.walk': '步行约 {min} 分钟', 'res.hours': '开放时间', 'res.phone': '电话', 'res.floor': '楼层',
    'res.floorN': '{n} 层', 'res.distance': '距离', 'res.category': '类别', 'res.allCats': '全部',
    'res.close': '关闭', 'res.origin': '查询位置', 'res.showOnMap': '在地图上显示',
    'dist.m': '{n} 米', 'dist.km': '{n} 公里',
    'cat.kindergarten': '幼儿园', 'cat.elderly_care': '养老/长者服务', 'cat.clinic': '社康/诊所',
    'cat.vaccination': '疫苗接种', 'cat.service_station': '党群服务站/便民服务', 'cat.parcel_locker': '快递柜',
    'cat.ebike_charging': '电动车充电', 'cat.aed': 'AED', 'cat.fire_hydrant': '消火栓',
    'cat.extinguisher': '灭火器', 'cat.exit': '安全出口', 'cat.guard_post': '警卫岗亭',
    'sev.critical': '紧急', 'sev.high': '高', 'sev.medium': '中', 'sev.low': '低',
    'kind.fire': '火警', 'kind.intrusion': '入侵', 'kind.access': '门禁', 'kind.maintenance': '维护',
    'status.open': '未处理', 'status.acknowledged': '已确认', 'status.resolved': '已解决',
    'con.alerts': '告警', 'con.noAlerts': '当前没有未处理告警', 'con.ack': '确认', 'con.resolve': '处理完成',
    'con.details': '详情', 'con.outcome': '处理结果', 'con.outcome.resolved': '已解决',
    'con.outcome.false_alarm': '误报', 'con.note': '备注 / 原因', 'con.note.required': '误报必须填写原因',
    'con.submit': '提交', 'con.cancel': '取消', 'con.count': '{n} 次', 'con.openedAt': '发生时间',
    'con.ackBy': '确认人', 'con.device': '设备', 'con.building': '楼栋', 'con.compound': '小区',
    'con.community': '社区', 'con.floor': '楼层', 'con.nearby': '附近消防与安保设施',
    'con.events': '设备最近事件', 'con.noEvents': '没有事件', 'con.devices': '显示设备状态',
    'con.fireBanner': '火警！请立即处理', 'con.mute': '静音', 'con.card': '事件卡片',
    'con.forbidden': '当前账号无权执行此操作',
    'dev.online': '在线', 'dev.offline': '离线', 'dev.never_seen': '从未上线', 'dev.lastSeen': '最后在线',
    'dev.type.gate': '门禁', 'dev.type.fire_button': '消防按钮', 'dev.type.camera': '摄像头',
    'dev.install': '安装状态', 'dev.events': '最近事件', 'dev.watch': '监看此设备',
    'ins.devices': '设备', 'ins.filter': '按编号或名称筛选', 'ins.status.all': '全部状态',
    'ins.unregistered': '未登记设备（来自消息代理）', 'ins.noUnregistered': '没有未登记设备',
    'ins.test': '测试此设备', 'ins.test.waiting': '测试中…', 'ins.credentials': '设备登录与二维码',
    'ins.refresh': '刷新', 'ins.feed': '实时事件', 'ins.feed.pick': '请选择一个设备以查看实时事件',
    'ins.feed.waiting': '等待事件…', 'ins.rejects': '被拒绝的消息', 'ins.noRejects': '没有被拒绝的消息',
    'ins.count': '{n} 条', 'ins.topic': '主题', 'ins.reason': '原因', 'ins.more': '还有 {n} 个…',
    'ov.title': '社区概览', 'ov.openAlerts': '未处理告警', 'ov.online': '设备在线率',
    'ov.events24': '近 24 小时事件（每小时）', 'ov.none': '暂无数据',
    'ov.noChart': '服务器未提供概览接口（/api/v1/overview），24 小时事件图暂不可用；告警与在线率由告警和设备列表计算。',
    'err.network': '网络错误，请稍后重试', 'err.http': '请求失败（{status}）',
    'sep': '：', 'ov.share': '{online} / {total}（{share}%）',
  },
  en: {
    'app.title': 'Community Map', 'app.title.short': 'Hub',
    'tab.residents': 'Residents', 'tab.console': 'Security', 'tab.installer': 'Install', 'tab.overview': 'Stats',
    'lang.switch': '中文', 'lang.switch.label': '切换到中文',
    'conn.online': 'Live', 'conn.reconnecting': 'Reconnecting', 'conn.offline': 'Not connected',
    'panel.toggle': 'Expand/collapse panel', 'basemap': 'Basemap', 'basemap.none': 'No basemap',
    'basemap.unavailable': 'Basemap unavailable, showing vector layers only',
    'login.title': 'Sign in', 'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Sign in',
    'login.failed': 'Sign-in failed', 'logout': 'Sign out', 'login.needed': 'Please sign in for this view',
    'res.areas': 'Communities / compounds / buildings', 'res.all': 'All communities', 'res.back': 'Up one level',
    'res.counts.community': '{compounds} compounds · {buildings} buildings',
    'res.counts.compound': '{buildings} buildings', 'res.counts.building': '{floors} floors',
    'res.level.community': 'Community', 'res.level.compound': 'Compound', 'res.level.building': 'Building',
    'res.nearby': 'Nearby facilities', 'res.nearMe': 'Near me', 'res.nearPoint': 'Pick a point',
    'res.nearPoint.armed': 'Tap the map to choose a point', 'res.locating': 'Locating…',
    'res.geo.denied': 'Your location is unavailable (refused or not supported). Tap a point on the map instead.',
    'res.geo.unsupported': 'This browser cannot locate you. Tap a point on the map instead.',
    'res.noResults': 'No facilities found nearby', 'res.loading': 'Loading…',
    'res.search': 'Search facilities or buildings', 'res.search.none': 'No matches',
    'res.walk': '~{min} min walk', 'res.hours': 'Opening hours', 'res.phone': 'Phone', 'res.floor': 'Floor',
    'res.floorN': 'floor {n}', 'res.distance': 'Distance', 'res.category': 'Category', 'res.allCats': 'All',
    'res.close': 'Close', 'res.origin': 'Search point', 'res.showOnMap': 'Show on map',
    'dist.m': '{n} m', 'dist.km': '{n} km',
    'cat.kindergarten': 'Kindergarten', 'cat.elderly_care': 'Elderly care', 'cat.clinic': 'Clinic',
    'cat.vaccination': 'Vaccination', 'cat.service_station': 'Service station', 'cat.parcel_locker': 'Parcel locker',
    'cat.ebike_charging': 'E-bike charging', 'cat.aed': 'AED', 'cat.fire_hydrant': 'Fire hydrant',
    'cat.extinguisher': 'Extinguisher', 'cat.exit': 'Emergency exit', 'cat.guard_post': 'Guard post',
    'sev.critical': 'Critical', 'sev.high': 'High', 'sev.medium': 'Medium', 'sev.low': 'Low',
    'kind.fire': 'Fire', 'kind.intrusion': 'Intrusion', 'kind.access': 'Access', 'kind.maintenance': 'Maintenance',
    'status.open': 'Open', 'status.acknowledged': 'Acknowledged', 'status.resolved': 'Resolved',
    'con.alerts': 'Alerts', 'con.noAlerts': 'No open alerts', 'con.ack': 'Acknowledge', 'con.resolve': 'Resolve',
    'con.details': 'Details', 'con.outcome': 'Outcome', 'con.outcome.resolved': 'Resolved',
    'con.outcome.false_alarm': 'False alarm', 'con.note': 'Note / cause', 'con.note.required': 'A false alarm needs a cause',
    'con.submit': 'Submit', 'con.cancel': 'Cancel', 'con.count': '{n}×', 'con.openedAt': 'Opened',
    'con.ackBy': 'Acknowledged by', 'con.device': 'Device', 'con.building': 'Building', 'con.compound': 'Compound',
    'con.community': 'Community', 'con.floor': 'Floor', 'con.nearby': 'Nearby fire & security points',
    'con.events': 'Recent device events', 'con.noEvents': 'No events', 'con.devices': 'Show device status',
    'con.fireBanner': 'FIRE ALARM — act now', 'con.mute': 'Mute', 'con.card': 'Incident card',
    'con.forbidden': 'Your account may not do this',
    'dev.online': 'Online', 'dev.offline': 'Offline', 'dev.never_seen': 'Never seen', 'dev.lastSeen': 'Last seen',
    'dev.type.gate': 'Gate', 'dev.type.fire_button': 'Fire button', 'dev.type.camera': 'Camera',
    'dev.install': 'Install state', 'dev.events': 'Recent events', 'dev.watch': 'Watch this device',
    'ins.devices': 'Devices', 'ins.filter': 'Filter by code or name', 'ins.status.all': 'All states',
    'ins.unregistered': 'Unregistered devices (seen on the broker)', 'ins.noUnregistered': 'No unregistered devices',
    'ins.test': 'Test this device', 'ins.test.waiting': 'Testing…', 'ins.credentials': 'Device login and QR code',
    'ins.refresh': 'Refresh', 'ins.feed': 'Live events', 'ins.feed.pick': 'Choose a device to watch its events',
    'ins.feed.waiting': 'Waiting for events…', 'ins.rejects': 'Rejected messages', 'ins.noRejects': 'No rejected messages',
    'ins.count': '{n} msgs', 'ins.topic': 'Topic', 'ins.reason': 'Reason', 'ins.more': '{n} more…',
    'ov.title': 'Overview', 'ov.openAlerts': 'Open alerts', 'ov.online': 'Devices online',
    'ov.events24': 'Events in the last 24 h (per hour)', 'ov.none': 'No data',
    'ov.noChart': 'The hub does not serve /api/v1/overview: the 24 h event chart is unavailable; '
      + 'alerts and online share are computed from the alert and device lists.',
    'err.network': 'Network error, please retry', 'err.http': 'Request failed ({status})',
    'sep': ': ', 'ov.share': '{online} / {total} ({share}%)',
  },
};

const STORAGE_KEY = 'hub.lang';
const listeners = [];
let lang = readStoredLang();

function readStoredLang() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh';
  } catch (e) {
    return 'zh';
  }
}

export function currentLang() {
  return lang;
}

/** Translates a key, filling {name} placeholders from vars. Unknown keys return the key. */
export function t(key, vars) {
  const text = STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;
  if (!vars) {
    return text;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Translates when the key exists, else returns the fallback (for server-provided enum values). */
export function tOr(key, fallback) {
  return STRINGS[lang][key] ?? STRINGS.zh[key] ?? fallback;
}

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch (e) {
    // storage may be disabled; the choice then lasts for this page only
  }
  applyStatic();
  listeners.forEach((fn) => fn(lang));
}

export function onLangChange(fn) {
  listeners.push(fn);
}

/** Fills elements marked data-i18n (text), data-i18n-placeholder, data-i18n-title / -aria. */
export function applyStatic(root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
  root.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((n) => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((n) => {
    n.title = t(n.dataset.i18nTitle);
    n.setAttribute('aria-label', n.title);
  });
}
