package synth

// Field is a raw data field and its Chinese label (the same as in the demo
// config.toml's [fields], so spreadsheets can use the labels as headers).
type Field struct{ ID, Label string }

// Fields is every raw field of the demo's schemes, in column order.
var Fields = []Field{
	{"cases", "受理案件数"},
	{"items", "件数"},
	{"arrest_concluded", "审查逮捕审结人数"},
	{"arrest_days", "审查逮捕办案天数合计"},
	{"prosecution_accepted", "受理审查起诉人数"},
	{"returned", "退回补充侦查人数"},
	{"review_closed", "审查起诉审结人数"},
	{"review_days", "审查起诉办案天数合计"},
	{"prosecuted", "起诉人数"},
	{"non_prosecuted", "不起诉人数"},
	{"post_arrest_closed", "捕后审结人数"},
	{"post_arrest_nonpros", "捕后不诉人数"},
	{"detained", "诉前羁押人数"},
	{"verdicts", "一审判决人数"},
	{"acquittals", "无罪判决人数"},
	{"appeals", "上诉人数"},
	{"plea", "适用认罪认罚人数"},
	{"sentencing_proposals", "提出量刑建议人数"},
	{"fixed_proposals", "提出确定刑量刑建议人数"},
	{"sentencing_adopted", "量刑建议采纳人数"},
	{"recommendations", "提出检察建议件数"},
	{"recommendations_adopted", "检察建议采纳件数"},
	{"civil_cases", "民事检察案件数"},
	{"admin_cases", "行政检察案件数"},
	{"pil_cases", "公益诉讼案件数"},
	{"quota_prosecutors", "员额检察官人数"},
	{"closed", "审结案件数"},
	{"closed_days", "审结案件办案天数合计"},
	{"reviewed", "评查案件数"},
	{"review_points", "评查得分合计"},
	{"peer_score", "民主测评得分"},
	{"peer_count", "民主测评次数"},
	{"assessment_score", "综合评价得分"},
	{"assessment_count", "综合评价次数"},
	{"typical_cases", "典型案例数"},
	{"flawed_cases", "瑕疵案件数"},
	{"discipline", "违纪违法人次"},
}

// Which fields each level of the hierarchy carries in its own rows. A field
// a procuratorate does not carry (closed, reviewed, peer_score, ...) comes
// to it by aggregation from its prosecutors (SPEC §4).
var (
	// ProsecutorFields are the fields ProsecutorValues draws.
	ProsecutorFields = []string{"cases", "items", "closed", "closed_days",
		"sentencing_proposals", "sentencing_adopted", "recommendations", "recommendations_adopted",
		"reviewed", "review_points", "peer_score", "peer_count",
		"typical_cases", "flawed_cases", "discipline"}
	// CityFields are the fields a city reports as a whole (the demo's
	// other cities, which list no procuratorates).
	CityFields = []string{"cases", "items", "review_closed", "review_days",
		"prosecuted", "non_prosecuted", "plea", "sentencing_proposals", "sentencing_adopted"}
)
