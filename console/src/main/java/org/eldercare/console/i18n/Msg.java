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
    @Message("结案归档") String actClose();
    @Message("取消告警") String actCancel();
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

    @Message("{#when s}{#is CRITICAL}紧急{#is HIGH}高{#is MEDIUM}中{#is LOW}低{#else}{s}{/when}")
    String severityName(String s);

    @Message("{#when s}{#is FALL}跌倒{#is SOS}SOS 呼救{#is MISSED_CHECK_IN}未报平安{#is VITALS_HR_LOW}心率过低"
            + "{#is VITALS_HR_HIGH}心率过高{#is VITALS_SPO2_LOW}血氧过低{#is LEFT_SAFE_ZONE}离开安全区"
            + "{#is DEVICE_OFFLINE}设备离线{#is WATCH_REMOVED}手表摘下{#is LOW_BATTERY}电量低{#else}{s}{/when}")
    String kindName(String s);

    @Message("{#when s}{#is REPORTED}上报{#is DISPATCHED}派单{#is ACCEPTED}接单{#is ARRIVED}到场{#is RESOLVED}处置"
            + "{#is VERIFIED}核实{#is CLOSED}结案{#is CANCELLED}已取消{#else}{s}{/when}")
    String stateName(String s);

    @Message("{#when s}{#is VISITOR}探访员{#is FAMILY}家属{#is STATION}驿站{#is NEARBY_VISITOR}附近探访员"
            + "{#is EMERGENCY}应急{#else}{s}{/when}")
    String roleName(String s);

    @Message("{#when s}{#is RECEIVED}已读{#is ACCEPTED}接单{#is DECLINED}拒绝{#is ARRIVED}到场{#is RESOLVED}处置{#else}{s}{/when}")
    String receiptName(String s);
}
