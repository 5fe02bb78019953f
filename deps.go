//go:build tools

package main

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/chromedp/chromedp"
	_ "github.com/expr-lang/expr/parser"
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/xuri/excelize/v2"
	_ "github.com/yuin/goldmark"
	_ "golang.org/x/term"
	_ "golang.org/x/text/encoding/simplifiedchinese"
)
