package render

import "github.com/go-echarts/go-echarts/v2/types"

// typesFunc names a site.js formatter ("kp:…") or an ECharts template
// string in a go-echarts option field.
func typesFunc(s string) types.FuncStr { return types.FuncStr(s) }
