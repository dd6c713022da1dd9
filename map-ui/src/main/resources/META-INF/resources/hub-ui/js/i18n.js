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
    'status.open': '未处理', 'status.acknowledged': '已确认', 'status.confirmed': '火警已确认', 'status.resolved': '已解决',
    'con.alerts': '告警', 'con.noAlerts': '当前没有未处理告警', 'con.ack': '确认', 'con.resolve': '处理完成',
    'con.confirmFire': '确认真火警', 'con.take': '我去处理', 'con.call119': '拨打 119', 'con.assignee': '处理人',
    'con.escalation': '升级', 'con.escalationN': '第 {n} 级',
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
    'reg.open': '登记设备', 'reg.title.new': '登记新设备', 'reg.title.edit': '编辑设备', 'reg.code': '设备编号',
    'reg.name': '名称', 'reg.type': '类型', 'reg.place': '安装位置（楼栋或小区）', 'reg.community': '社区',
    'reg.compound': '小区', 'reg.building': '楼栋', 'reg.wholeCompound': '不在楼内（整个小区）', 'reg.floor': '楼层（选填）',
    'reg.position': '设备位置', 'reg.tapHint': '或点击地图（同时选定楼栋）', 'reg.noPosition': '尚未选择位置',
    'reg.submit': '保存', 'reg.cancel': '取消', 'reg.retire': '报废此设备', 'reg.retireConfirm': '确认报废',
    'reg.edit': '编辑', 'reg.this': '登记此设备',
    'reg.err.code': '编号须为 1–64 个小写字母、数字或连字符', 'reg.err.name': '请填写名称',
    'reg.err.type': '类型无效或不可更改', 'reg.err.place': '请选择本社区内的楼栋或小区', 'reg.err.floor': '楼层须为整数',
    'reg.err.position': '请使用定位或点击地图选择位置', 'reg.err.outside': '该位置不在您的社区内',
    'ins.testMode.enter': '进入测试模式', 'ins.testMode.leave': '退出测试模式', 'ins.testMode.on': '测试模式至 {time}',
    'con.test': '测试',
    'ov.title': '社区概览', 'ov.openAlerts': '未处理告警', 'ov.online': '设备在线率',
    'ov.events24': '近 24 小时事件（每小时）', 'ov.none': '暂无数据',
    'ov.noChart': '服务器未提供概览接口（/api/v1/overview），24 小时事件图暂不可用；告警与在线率由告警和设备列表计算。',
    'tab.report': '随手拍', 'tab.cases': '工单', 'tab.channels': '通道', 'tab.roster': '值班',
    'ccat.environment': '环境卫生', 'ccat.facility_damage': '设施损坏', 'ccat.safety_hazard': '安全隐患',
    'ccat.fire_safety': '消防安全', 'ccat.dispute': '邻里纠纷', 'ccat.noise': '噪音扰民', 'ccat.other': '其他',
    'cst.submitted': '待受理', 'cst.accepted': '已受理', 'cst.assigned': '已派单', 'cst.in_progress': '处理中',
    'cst.handled': '已处理待核查', 'cst.closed': '已办结', 'cst.rejected': '不予受理',
    'cact.submit': '上报', 'cact.from_alert': '告警转工单', 'cact.accept': '受理', 'cact.reject': '不予受理',
    'cact.assign': '派单', 'cact.start': '开始处理', 'cact.handle': '处理完成', 'cact.close': '办结',
    'cact.reopen': '重新打开', 'cact.onspot': '现场办结', 'cact.rework': '退回重办',
    'case.reworkReason': '退回原因（处理人可见）', 'case.reworkBy': '退回重办',
    'cpri.low': '低', 'cpri.normal': '普通', 'cpri.high': '高', 'cpri.urgent': '紧急',
    'rep.title': '随手拍', 'rep.intro': '无需登录：选类别、写描述、定位置、拍照片，社区受理后可凭查询码跟踪进度。',
    'rep.category': '类别', 'rep.pickCategory': '请选择类别', 'rep.description': '问题描述',
    'rep.descriptionHint': '例如：3栋门口垃圾桶满了，溢出到路上', 'rep.count': '{n} / 1000',
    'rep.place': '位置', 'rep.useLocation': '使用我的位置', 'rep.tapHint': '或直接点击地图选择位置',
    'rep.noPlace': '尚未选择位置', 'rep.locating': '正在获取位置…', 'rep.resolving': '正在识别位置…',
    'rep.outside': '该位置不在本街道的社区范围内', 'rep.qrGrid': '扫码网格', 'rep.gridMissing': '未找到网格 {code}',
    'rep.geo.denied': '无法获取您的位置（已拒绝或不可用），请点击地图选择位置。',
    'rep.photos': '照片（最多 3 张）', 'rep.camera': '拍照', 'rep.gallery': '从相册选择', 'rep.removePhoto': '删除',
    'rep.contact': '联系电话（选填，便于回访）', 'rep.submit': '提交', 'rep.sending': '正在提交…',
    'rep.onspot': '现场办结（我已当场处理）', 'rep.onspotNote': '处理说明', 'rep.afterPhoto': '处理后照片',
    'rep.done': '已提交，感谢您的反馈！', 'rep.code': '查询码', 'rep.codeKept': '查询码已保存在本机“我的上报”中。',
    'rep.onspotDone': '已现场办结', 'rep.err.category': '请选择类别',
    'rep.err.description': '请填写问题描述（1–1000 字）', 'rep.err.place': '请先选择位置（定位或点击地图）',
    'rep.err.outside': '该位置不在本街道的社区范围内，请重新选择', 'rep.err.photo.413': '照片过大：每张最多 5 MB',
    'rep.err.photo.415': '这不是可用的图片：仅支持 JPEG、PNG、WebP', 'rep.err.photo': '照片有误',
    'rep.err.photoCount': '最多 3 张照片', 'rep.err.contact': '请填写正确的电话号码',
    'rep.err.note': '请填写处理说明', 'rep.err.after_photo': '现场办结需要一张处理后照片',
    'rep.err.throttled': '提交过于频繁，请在 {min} 分钟后（{time} 之后）再试',
    'rep.err.busy': '系统正忙，内容已保留，请 {sec} 秒后再点提交',
    'trk.title': '我的上报', 'trk.none': '还没有上报记录', 'trk.add': '输入查询码', 'trk.addButton': '查询',
    'trk.unknown': '查询码 {code} 无效或记录已删除', 'trk.submitted': '提交时间', 'trk.deadline': '办理期限',
    'trk.history': '办理进度', 'trk.remove': '从本机移除', 'trk.rate': '请为本次办理评分', 'trk.comment': '评价（选填）',
    'trk.rateSubmit': '提交评价', 'trk.rated': '您的评价', 'trk.rateConflict': '无法评价：尚未办结或已评价过',
    'trk.photos': '照片', 'trk.score': '{n} 分',
    'case.list': '工单', 'case.none': '没有符合条件的工单', 'case.status.open': '未办结', 'case.status.all': '全部状态',
    'case.overdueOnly': '只看超期', 'case.overdue': '已超期', 'case.deadline': '期限', 'case.assignee': '处理人',
    'case.grid': '网格', 'case.place': '位置', 'case.reporter': '上报人', 'case.anonymous': '居民（匿名）',
    'case.contact': '联系电话', 'case.priority': '优先级', 'case.submittedAt': '上报时间', 'case.description': '描述',
    'case.history': '办理记录', 'case.photos': '照片', 'case.photo.report': '上报', 'case.photo.handled': '处理后',
    'case.rating': '居民评价', 'case.alert': '来自告警', 'case.notFound': '工单不存在或不在您的辖区',
    'case.forbidden': '当前账号不能查看工单（需调度员、网格员或管理员）', 'case.conflict': '当前状态不允许此操作（可能已被他人处理），已刷新',
    'case.deadlineHours': '办理时限（小时，选填）', 'case.priorityDefault': '默认（普通）',
    'case.assigneeOptional': '处理人（选填）', 'case.assigneeRequired': '处理人',
    'case.assigneeDefault': '默认：该网格的网格员', 'case.assigneeChoose': '请选择处理人', 'case.assigneeCurrent': '（当前）',
    'case.assigneesOfGrid': '本网格网格员', 'case.assigneesOthers': '本社区其他可派人员',
    'crole.grid_worker': '网格员', 'crole.dispatcher': '调度员', 'crole.admin': '管理员',
    'case.reason': '原因', 'case.note': '处理说明', 'case.afterPhotos': '处理后照片（最多 3 张）',
    'case.submit': '确定', 'case.system': '系统', 'case.digestHead': '今日提醒：', 'case.digest': '待办 {open} 件，其中超期 {overdue} 件',
    'case.digestScope': '辖区超期 {n} 件', 'case.err.field': '{field}有误', 'case.err.required': '必填', 'case.err.assignee': '没有这个用户',
    'cr.title': '周报 / 月报', 'cr.week': '本周', 'cr.month': '本月', 'cr.date': '日期', 'cr.show': '查看',
    'cr.csv': '下载 CSV', 'cr.range': '{from} 至 {to}', 'cr.received': '受理', 'cr.closed': '办结',
    'cr.onTime': '按时办结', 'cr.overdueOpen': '超期未办', 'cr.median': '办结中位时长（小时）', 'cr.rating': '平均评分',
    'cr.none': '该时段没有工单', 'cr.area': '社区 / 网格', 'cr.total': '{name}（合计）',
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
    'status.open': 'Open', 'status.acknowledged': 'Acknowledged', 'status.confirmed': 'Fire confirmed', 'status.resolved': 'Resolved',
    'con.alerts': 'Alerts', 'con.noAlerts': 'No open alerts', 'con.ack': 'Acknowledge', 'con.resolve': 'Resolve',
    'con.confirmFire': 'Confirm real fire', 'con.take': 'I\'ll handle it', 'con.call119': 'Call 119', 'con.assignee': 'Assignee',
    'con.escalation': 'Escalation', 'con.escalationN': 'level {n}',
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
    'reg.open': 'Register a device', 'reg.title.new': 'Register a device', 'reg.title.edit': 'Edit device',
    'reg.code': 'Device code', 'reg.name': 'Name', 'reg.type': 'Type', 'reg.place': 'Where (building or compound)',
    'reg.community': 'Community', 'reg.compound': 'Compound', 'reg.building': 'Building',
    'reg.wholeCompound': 'Not in a building (the compound)', 'reg.floor': 'Floor (optional)', 'reg.position': 'Position',
    'reg.tapHint': 'or tap the map (also picks the building)', 'reg.noPosition': 'No position yet',
    'reg.submit': 'Save', 'reg.cancel': 'Cancel', 'reg.retire': 'Retire this device', 'reg.retireConfirm': 'Confirm retiring',
    'reg.edit': 'Edit', 'reg.this': 'Register this',
    'reg.err.code': 'A code is 1–64 lowercase letters, digits or hyphens', 'reg.err.name': 'Enter a name',
    'reg.err.type': 'Invalid type, or it may not be changed', 'reg.err.place': 'Choose a building or compound of your community',
    'reg.err.floor': 'The floor must be a whole number', 'reg.err.position': 'Use your location or tap the map',
    'reg.err.outside': 'That point is not in your community',
    'ins.testMode.enter': 'Enter test mode', 'ins.testMode.leave': 'Leave test mode', 'ins.testMode.on': 'Test mode until {time}',
    'con.test': 'Test',
    'ov.title': 'Overview', 'ov.openAlerts': 'Open alerts', 'ov.online': 'Devices online',
    'ov.events24': 'Events in the last 24 h (per hour)', 'ov.none': 'No data',
    'ov.noChart': 'The hub does not serve /api/v1/overview: the 24 h event chart is unavailable; '
      + 'alerts and online share are computed from the alert and device lists.',
    'tab.report': 'Report', 'tab.cases': 'Cases', 'tab.channels': 'Channels', 'tab.roster': 'Roster',
    'ccat.environment': 'Environment', 'ccat.facility_damage': 'Facility damage', 'ccat.safety_hazard': 'Safety hazard',
    'ccat.fire_safety': 'Fire safety', 'ccat.dispute': 'Dispute', 'ccat.noise': 'Noise', 'ccat.other': 'Other',
    'cst.submitted': 'Submitted', 'cst.accepted': 'Accepted', 'cst.assigned': 'Assigned', 'cst.in_progress': 'In progress',
    'cst.handled': 'Handled, to check', 'cst.closed': 'Closed', 'cst.rejected': 'Rejected',
    'cact.submit': 'Reported', 'cact.from_alert': 'From alert', 'cact.accept': 'Accept', 'cact.reject': 'Reject',
    'cact.assign': 'Assign', 'cact.start': 'Start', 'cact.handle': 'Handled', 'cact.close': 'Close',
    'cact.reopen': 'Reopen', 'cact.onspot': 'Closed on the spot', 'cact.rework': 'Return for rework',
    'case.reworkReason': 'Why (the assignee sees it)', 'case.reworkBy': 'Returned for rework by',
    'cpri.low': 'Low', 'cpri.normal': 'Normal', 'cpri.high': 'High', 'cpri.urgent': 'Urgent',
    'rep.title': 'Report a problem', 'rep.intro': 'No account needed: pick a category, describe it, set the place, '
      + 'add photos. Follow the progress with your tracking code.',
    'rep.category': 'Category', 'rep.pickCategory': 'Choose a category', 'rep.description': 'Description',
    'rep.descriptionHint': 'e.g. the bin at building 3 is overflowing onto the road', 'rep.count': '{n} / 1000',
    'rep.place': 'Place', 'rep.useLocation': 'Use my location', 'rep.tapHint': 'or tap the map',
    'rep.noPlace': 'No place chosen yet', 'rep.locating': 'Locating…', 'rep.resolving': 'Looking up the place…',
    'rep.outside': 'This point is outside the communities of this subdistrict', 'rep.qrGrid': 'Grid (QR code)',
    'rep.gridMissing': 'Grid {code} not found',
    'rep.geo.denied': 'Your location is unavailable (refused or not supported). Tap the map instead.',
    'rep.photos': 'Photos (up to 3)', 'rep.camera': 'Take photo', 'rep.gallery': 'Choose photos', 'rep.removePhoto': 'Remove',
    'rep.contact': 'Phone (optional, for a call-back)', 'rep.submit': 'Submit', 'rep.sending': 'Sending…',
    'rep.onspot': 'Closed on the spot (I fixed it)', 'rep.onspotNote': 'What was done', 'rep.afterPhoto': 'After photo',
    'rep.done': 'Sent, thank you!', 'rep.code': 'Tracking code', 'rep.codeKept': 'The code is kept under "My reports" on this device.',
    'rep.onspotDone': 'Closed on the spot', 'rep.err.category': 'Choose a category',
    'rep.err.description': 'Describe the problem (1–1000 characters)', 'rep.err.place': 'Choose the place first (locate or tap the map)',
    'rep.err.outside': 'This point is outside the communities of this subdistrict; choose another',
    'rep.err.photo.413': 'Photo too large: at most 5 MB each', 'rep.err.photo.415': 'Not a usable image: JPEG, PNG or WebP only',
    'rep.err.photo': 'Photo refused', 'rep.err.photoCount': 'At most 3 photos', 'rep.err.contact': 'Enter a valid phone number',
    'rep.err.note': 'Say what was done', 'rep.err.after_photo': 'Closing on the spot needs an after photo',
    'rep.err.throttled': 'Too many reports; try again in {min} min (after {time})',
    'rep.err.busy': 'The hub is busy; your report is kept, send it again in {sec} s',
    'trk.title': 'My reports', 'trk.none': 'No reports yet', 'trk.add': 'Tracking code', 'trk.addButton': 'Look up',
    'trk.unknown': 'Tracking code {code} is unknown or its case was deleted', 'trk.submitted': 'Submitted',
    'trk.deadline': 'Due', 'trk.history': 'Progress', 'trk.remove': 'Remove from this device', 'trk.rate': 'Rate how it was handled',
    'trk.comment': 'Comment (optional)', 'trk.rateSubmit': 'Send rating', 'trk.rated': 'Your rating',
    'trk.rateConflict': 'Cannot rate: not closed yet or rated already', 'trk.photos': 'Photos', 'trk.score': '{n}/5',
    'case.list': 'Cases', 'case.none': 'No matching cases', 'case.status.open': 'Open', 'case.status.all': 'All states',
    'case.overdueOnly': 'Overdue only', 'case.overdue': 'Overdue', 'case.deadline': 'Due', 'case.assignee': 'Assignee',
    'case.grid': 'Grid', 'case.place': 'Place', 'case.reporter': 'Reporter', 'case.anonymous': 'Resident (anonymous)',
    'case.contact': 'Phone', 'case.priority': 'Priority', 'case.submittedAt': 'Reported', 'case.description': 'Description',
    'case.history': 'History', 'case.photos': 'Photos', 'case.photo.report': 'reported', 'case.photo.handled': 'after',
    'case.rating': 'Rating', 'case.alert': 'From alert', 'case.notFound': 'No such case in your area',
    'case.forbidden': 'This account cannot see cases (dispatcher, grid worker or admin only)',
    'case.conflict': 'Not possible in the current state (someone may have acted already); reloaded',
    'case.deadlineHours': 'Time limit in hours (optional)', 'case.priorityDefault': 'Default (normal)',
    'case.assigneeOptional': 'Assignee (optional)', 'case.assigneeRequired': 'Assignee',
    'case.assigneeDefault': 'Default: the grid\'s worker', 'case.assigneeChoose': 'Choose the assignee', 'case.assigneeCurrent': '(current)',
    'case.assigneesOfGrid': 'Workers of this grid', 'case.assigneesOthers': 'Others who may take it',
    'crole.grid_worker': 'grid worker', 'crole.dispatcher': 'dispatcher', 'crole.admin': 'admin',
    'case.reason': 'Reason', 'case.note': 'What was done', 'case.afterPhotos': 'After photos (up to 3)',
    'case.submit': 'OK', 'case.system': 'system', 'case.digestHead': 'Today: ', 'case.digest': '{open} pending, {overdue} overdue',
    'case.digestScope': '{n} overdue in your area', 'case.err.field': '{field} is wrong', 'case.err.required': 'Required', 'case.err.assignee': 'No such user',
    'cr.title': 'Weekly / monthly report', 'cr.week': 'Week', 'cr.month': 'Month', 'cr.date': 'Date', 'cr.show': 'Show',
    'cr.csv': 'Download CSV', 'cr.range': '{from} to {to}', 'cr.received': 'Received', 'cr.closed': 'Closed',
    'cr.onTime': 'On time', 'cr.overdueOpen': 'Overdue open', 'cr.median': 'Median hours to close', 'cr.rating': 'Mean rating',
    'cr.none': 'No cases in this period', 'cr.area': 'Community / grid', 'cr.total': '{name} (total)',
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

/**
 * Adds a module's own strings, so that new UI need not edit the tables above: one table ({zh: {...}, en: {...}}).
 * A key that exists already keeps its text. Call at module load,
 * before the page's first applyStatic().
 */
export function addStrings(table) {
  for (const [name, entries] of Object.entries(table)) {
    STRINGS[name] = { ...entries, ...(STRINGS[name] || {}) };
  }
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
