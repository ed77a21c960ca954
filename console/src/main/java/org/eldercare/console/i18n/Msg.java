package org.eldercare.console.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's labels: Chinese here (the default), English in {@code messages/msg_en.properties}.
 * Templates use them as {@code {msg:name}}; the page's locale attribute picks the language.
 */
@MessageBundle(value = "msg", locale = "zh")
public interface Msg {

    // --- frame and sign-in
    @Message("智慧养老平台 · 管理台") String appName();
    @Message("实时告警") String navAlerts();
    @Message("床位覆盖") String navCoverage();
    @Message("告警统计") String navStatistics();
    @Message("补贴审批") String navApprovals();
    @Message("今日助餐") String navCounter();
    @Message("服务记录") String navRecords();
    @Message("本站老人") String navElders();
    @Message("月度结算") String navStatements();
    @Message("设备") String navDevices();
    @Message("全部设备") String allDevices();
    @Message("开通设备") String navProvision();
    @Message("拒收消息") String navRejects();
    @Message("退出") String signOut();
    @Message("登录") String signIn();
    @Message("登录已过期，请重新登录。") String sessionExpired();
    @Message("通过统一身份认证登录") String signInWithProvider();
    @Message("本地演示：选择一个角色的演示用户登录（令牌由开发密钥签发，生产环境关闭）。") String devSignInHint();
    @Message("以此身份登录：") String signInAs();
    @Message("民政局") String roleBureau();
    @Message("驿站运营人员") String roleOperator();
    @Message("设备管理员") String roleDeviceAdmin();
    @Message("驿站编号") String stationId();
    @Message("驿站") String station();
    @Message("未配置登录方式（console.dev-sign-in 或 console.oidc）。") String noSignInConfigured();
    @Message("无权访问") String forbiddenTitle();
    @Message("您的角色无权查看此页面。") String forbiddenText();
    @Message("返回我的页面") String backToMyPages();
    @Message("服务出错") String errorTitle();
    @Message("返回") String back();
    @Message("保存") String save();
    @Message("查看") String view();
    @Message("无") String none();

    // --- alert board and alert
    @Message("实时") String live();
    @Message("重新连接中…") String reconnecting();
    @Message("最新告警自动推送，无需刷新；点击一行查看完整时间线。") String boardHint();
    @Message("级别") String severity();
    @Message("老人") String elder();
    @Message("类型") String kind();
    @Message("已持续") String age();
    @Message("已通知") String notified();
    @Message("接单人") String acceptedBy();
    @Message("闭环进度") String loop();
    @Message("暂无告警") String noAlerts();
    @Message("状态") String state();
    @Message("发生时间") String openedAt();
    @Message("升级层级") String tier();
    @Message("处置说明") String resolution();
    @Message("详情") String alertDetail();
    @Message("接单") String actAccept();
    @Message("已到场") String actArrive();
    @Message("处置完成") String actResolve();
    @Message("核实") String actVerify();
    @Message("办结归档") String actClose();
    @Message("误报撤销") String actCancel();
    @Message("处置说明（必填）") String resolutionNote();
    @Message("取消原因（必填）") String cancelReason();
    @Message("备注（可选）") String noteOptional();
    @Message("时间线") String timeline();
    @Message("时间") String time();
    @Message("事项") String entry();
    @Message("操作人") String actor();
    @Message("备注") String note();
    @Message("通知记录") String notifications();
    @Message("身份") String role();
    @Message("渠道") String channel();
    @Message("对象") String who();
    @Message("送达") String delivery();
    @Message("回执") String receipt();

    @Message("{#when s}{#is 'CRITICAL'}紧急{#is 'HIGH'}高{#is 'MEDIUM'}中{#is 'LOW'}低{#else}{s}{/when}")
    String severityName(String s);

    @Message("{#when s}{#is 'FALL'}跌倒{#is 'SOS'}SOS 呼救{#is 'MISSED_CHECK_IN'}未报平安{#is 'VITALS_HR_LOW'}心率过低"
            + "{#is 'VITALS_HR_HIGH'}心率过高{#is 'VITALS_SPO2_LOW'}血氧过低{#is 'LEFT_SAFE_ZONE'}离开安全区"
            + "{#is 'DEVICE_OFFLINE'}设备离线{#is 'WATCH_REMOVED'}手表摘下{#is 'LOW_BATTERY'}电量低{#else}{s}{/when}")
    String kindName(String s);

    @Message("{#when s}{#is 'REPORTED'}上报{#is 'DISPATCHED'}派单{#is 'ACCEPTED'}接单{#is 'ARRIVED'}到场{#is 'RESOLVED'}处置"
            + "{#is 'VERIFIED'}核实{#is 'CLOSED'}办结{#is 'CANCELLED'}误报撤销{#else}{s}{/when}")
    String stateName(String s);

    @Message("{#when s}{#is 'VISITOR'}探访员{#is 'FAMILY'}家属{#is 'STATION'}驿站{#is 'NEARBY_VISITOR'}附近探访员"
            + "{#is 'EMERGENCY'}应急{#else}{s}{/when}")
    String roleName(String s);

    @Message("{#when s}{#is 'RECEIVED'}已读{#is 'ACCEPTED'}接单{#is 'DECLINED'}拒绝{#is 'ARRIVED'}到场{#is 'RESOLVED'}处置{#else}{s}{/when}")
    String receiptName(String s);

    // --- bureau, station and device pages
    @Message("接单用时中位（分钟）") String acceptMedian();
    @Message("接单用时 P90（分钟）") String acceptP90();
    @Message("住址") String address();
    @Message("服务协议") String agreement();
    @Message("告警数") String alertsTotal();
    @Message("金额（元）") String amount();
    @Message("驿站已提交、等待审批的月度补贴结算单。") String approvalsHint();
    @Message("批准") String approve();
    @Message("到场用时中位（分钟）") String arriveMedian();
    @Message("到场用时 P90（分钟）") String arriveP90();
    @Message("电量") String battery();
    @Message("床位缺口") String bedGap();
    @Message("每千人床位") String bedsPer1000();
    @Message("出生日期") String birthDate();
    @Message("订餐") String bookings();
    @Message("绑定老人") String boundElder();
    @Message("按设备") String byDevice();
    @Message("按类型") String byKind();
    @Message("按原因") String byReason();
    @Message("各街道（乡镇）") String byStreet();
    @Message("误报撤销") String cancelled();
    @Message("类别") String categories();
    @Message("闭环率") String closeRate();
    @Message("已办结") String closed();
    @Message("已结束的月份才能提交；草稿可重新计算。") String computeHint();
    @Message("生成结算单") String computeStatement();
    @Message("计算时间") String computedAt();
    @Message("次数") String count();
    @Message("计入床位") String countedBeds();
    @Message("输入姓名、卡号或老人编号，回车即可记录一份餐。") String counterHint();
    @Message("按规划目标（每千名常住人口养老床位数）统计，日期：") String coverageHint();
    @Message("日期") String date();
    @Message("天") String daysUnit();
    @Message("审批时间") String decidedAt();
    @Message("设备编号") String deviceId();
    @Message("设备编号（可不填）") String deviceIdOptional();
    @Message("饮食要求") String dietary();
    @Message("校验摘要") String digest();
    @Message("就餐人数") String diners();
    @Message("菜品") String dish();
    @Message("老人编号") String elderId();
    @Message("老人实付") String elderPaid();
    @Message("老人付") String elderPays();
    @Message("查找老人（姓名 / 卡号 / 编号）") String findElder();
    @Message("例如：王秀兰 或 卡号") String findElderHint();
    @Message("固件") String firmware();
    @Message("疑点") String flags();
    @Message("最近一次") String lastAt();
    @Message("最近上线") String lastSeen();
    @Message("项目") String line();
    @Message("结算明细") String lines();
    @Message("餐次") String meal();
    @Message("已出餐") String mealsServed();
    @Message("今日菜单") String menuToday();
    @Message("时长（分钟）") String minutesLabel();
    @Message("方式") String mode();
    @Message("型号") String model();
    @Message("月份") String month();
    @Message("月度趋势（每千人床位）") String monthlyTrend();
    @Message("姓名") String name();
    @Message("下一页") String next();
    @Message("否") String no();
    @Message("未签协议") String noAgreement();
    @Message("无疑点") String noFlags();
    @Message("今日未登记菜单：可直接选择餐次并填写价格。") String noMenu();
    @Message("没有待审批的结算单") String noneWaiting();
    @Message("离线") String offline();
    @Message("在线") String online();
    @Message("本页在线") String onlineOnPage();
    @Message("其他（按餐次和价格）") String otherMeal();
    @Message("原始内容") String payload();
    @Message("统计期间") String period();
    @Message("规划") String plan();
    @Message("上一页") String previous();
    @Message("价格（元）") String priceYuan();
    @Message("开通") String provision();
    @Message("已开通") String provisioned();
    @Message("数量") String quantity();
    @Message("原因") String reason();
    @Message("最近拒收") String recentRejects();
    @Message("重新计算") String recompute();
    @Message("记录") String records();
    @Message("驳回") String reject();
    @Message("驳回原因") String rejectReason();
    @Message("达标所需床位") String requiredBeds();
    @Message("常住人口") String residents();
    @Message("审核") String review();
    @Message("风险") String risk();
    @Message("设备密钥只显示这一次：请立即写入手表，离开本页后无法再次查看（只能重置）。") String secretOnce();
    @Message("发送方") String sender();
    @Message("序列号") String serial();
    @Message("出餐") String serveMeal();
    @Message("服务类型") String serviceKind();
    @Message("有多位老人符合，请选择：") String severalElders();
    @Message("服务人员") String staff();
    @Message("开始时间") String startedAt();
    @Message("结算单") String statement();
    @Message("闭环率不计误报撤销的告警；用时按分钟计。") String statisticsHint();
    @Message("状态") String status();
    @Message("街道") String street();
    @Message("提交审批") String submitStatement();
    @Message("提交时间") String submittedAt();
    @Message("补贴") String subsidy();
    @Message("目标") String target();
    @Message("主题") String topic();
    @Message("合计（元）") String total();
    @Message("单价（元）") String unitPrice();
    @Message("使用率 %") String utilisation();
    @Message("已作废") String voided();
    @Message("佩戴") String worn();
    @Message("是") String yes();

    @Message("{#when s}{#is 'BREAKFAST'}早餐{#is 'LUNCH'}午餐{#is 'DINNER'}晚餐{#else}{s}{/when}")
    String mealName(String s);

    @Message("{#when s}{#is 'DINE_IN'}堂食{#is 'PICK_UP'}自取{#is 'DELIVERY'}送餐{#else}{s}{/when}")
    String modeName(String s);

    @Message("{#when s}{#is 'HOME_VISIT'}上门巡访{#is 'PERSONAL_CARE'}生活照料{#is 'CLEANING'}助洁{#is 'BATHING'}助浴{#is 'MEDICAL_ESCORT'}助医陪诊{#is 'RESPITE_STAY'}短期托养{#else}{s}{/when}")
    String serviceName(String s);

    @Message("{#when s}{#is 'DRAFT'}草稿{#is 'SUBMITTED'}已提交{#is 'APPROVED'}已审核{#is 'REJECTED'}已退回{#is 'PAID'}已拨付{#else}{s}{/when}")
    String statusName(String s);

    @Message("{#when s}{#is 'BASIC'}基本运营补贴{#is 'STAR'}星级补贴{#is 'CHAIN'}连锁补贴{#is 'MEAL_ASSISTANCE'}助餐补贴{#is 'MEAL_OPERATING'}助餐运营补贴{#is 'RESPITE'}托养补贴{#is 'ADJUSTMENT'}调整{#else}{s}{/when}")
    String lineName(String s);

    @Message("{#when s}{#is 'DUPLICATE_SUBSIDISED_MEAL'}同日重复补贴用餐{#is 'SERVED_AFTER_DEATH'}去世后仍有服务{#is 'SERVED_AFTER_MOVING_AWAY'}迁出后仍有服务{#is 'SERVED_DURING_INSTITUTION_STAY'}入住机构期间有服务{#is 'MEAL_SUBSIDY_NOT_ELIGIBLE'}不符合助餐补贴{#is 'SUDDEN_JUMP'}金额突增{#is 'RESPITE_DATA_MISSING'}缺少托养床日数据{#is 'RESPITE_RATE_NOT_SET'}未设托养补贴标准{#else}{s}{/when}")
    String flagName(String s);
}
