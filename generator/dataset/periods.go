package dataset

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"kaoping/generator/diag"
	"kaoping/generator/period"
	"kaoping/internal/inputfile"
)

// ignored reports whether a directory entry is not the user's data:
// hidden files (.DS_Store, .gitkeep, .~lock.x.csv#) and Excel's lock files
// (~$2024-Q1.xlsx) are skipped silently.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

// dataExt returns the lower-cased extension of a data file name if it is
// .csv or .xlsx (in any case), else "".
func dataExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".csv" || ext == ".xlsx" {
		return ext
	}
	return ""
}

// periodSource is one period's files as found in data/periods.
type periodSource struct {
	period period.Period
	where  string   // the file or folder, relative to the site folder
	files  []string // absolute paths, sorted
}

const periodNamesZH = "期间文件应命名为 YYYY、YYYY-H1、YYYY-Q1 或 YYYY-MM 加 .csv 或 .xlsx，如 2024-Q1.csv，或是同名文件夹"
const periodNamesEN = "period files are named YYYY, YYYY-H1, YYYY-Q1 or YYYY-MM plus .csv or .xlsx, e.g. 2024-Q1.csv, or are a folder of that name"

// findPeriods lists data/periods: one source per period, in name order.
func findPeriods(dir string, s site, l *diag.List) []*periodSource {
	entries, err := readDir(dir)
	if s.refused[dir] {
		return nil
	}
	if err != nil {
		l.Errorf(diag.Pos{File: s.rel(dir)}, "找不到期间数据文件夹：请创建 %[1]s，并按期放入数据文件（如 2024-Q1.csv）",
			"the period data folder is missing: create %[1]s and put one data file per period in it (e.g. 2024-Q1.csv)", s.rel(dir))
		return nil
	}
	var out []*periodSource
	byID := map[string]*periodSource{}
	seen := 0
	for _, ent := range entries {
		name := ent.Name()
		if ignored(name) {
			continue
		}
		seen++
		path := filepath.Join(dir, name)
		rel := s.rel(path)
		isDir := ent.IsDir()
		if !isDir && ent.Type()&os.ModeSymlink != 0 {
			if st, err := os.Stat(path); err == nil {
				isDir = st.IsDir()
			}
		}
		id := name
		if !isDir {
			ext := dataExt(name)
			if ext == "" {
				hintZH, hintEN := periodNamesZH, periodNamesEN
				if strings.EqualFold(filepath.Ext(name), ".xls") {
					hintZH, hintEN = "不支持旧版 .xls 文件；请在 Excel 中另存为 .xlsx", "old .xls files are not supported; save it from Excel as .xlsx"
				}
				l.Errorf(diag.Pos{File: rel}, "不是期间数据文件：%[1]s", "not a period data file: %[2]s", hintZH, hintEN)
				continue
			}
			id = name[:len(name)-len(ext)]
		}
		p, err := period.Parse(id)
		if err != nil || p.YTD {
			zh, en := periodNamesZH, periodNamesEN
			if err == nil {
				zh, en = "累计期间（-ytd）由系统根据月度或季度数据自动生成，不能作为数据文件", "cumulative periods (-ytd) are derived from the monthly or quarterly data, not given as files"
			}
			l.Errorf(diag.Pos{File: rel}, "“%[1]s” 不是期间编号：%[2]s", "\"%[1]s\" is not a period id: %[3]s", diag.Value(id), zh, en)
			continue
		}
		src := &periodSource{period: p, where: rel}
		if isDir {
			src.files = findFolderFiles(path, s, l)
			if len(src.files) == 0 {
				l.Errorf(diag.Pos{File: rel}, "期间文件夹中没有 .csv 或 .xlsx 文件", "the period folder holds no .csv or .xlsx file")
				continue
			}
		} else {
			src.files = []string{path}
		}
		key := p.String()
		if prev := byID[key]; prev != nil {
			l.Errorf(diag.Pos{File: rel}, "期间 %[1]s 重复：%[2]s 也是这一期；每期只能有一个文件或一个文件夹", "period %[1]s is given twice: %[2]s is the same period; give one file or one folder per period",
				key, prev.where)
			continue
		}
		byID[key] = src
		out = append(out, src)
	}
	if seen == 0 {
		l.Errorf(diag.Pos{File: s.rel(dir)}, "期间数据文件夹为空：请按期放入数据文件，如 2024-Q1.csv 或 2024-03.xlsx",
			"the period data folder is empty: put one data file per period in it, e.g. 2024-Q1.csv or 2024-03.xlsx")
	}
	return out
}

// findFolderFiles lists the data files of a period folder, sorted.
func findFolderFiles(dir string, s site, l *diag.List) []string {
	entries, err := readDir(dir)
	if err != nil {
		zh, en := inputfile.Describe(err)
		l.Errorf(diag.Pos{File: s.rel(dir)}, "无法读取文件夹：%[1]s", "cannot read the folder: %[2]s", zh, en)
		return nil
	}
	var files []string
	for _, ent := range entries {
		name := ent.Name()
		if ignored(name) {
			continue
		}
		path := filepath.Join(dir, name)
		if ent.IsDir() || dataExt(name) == "" {
			l.Errorf(diag.Pos{File: s.rel(path)}, "期间文件夹中只能放 .csv 或 .xlsx 文件", "a period folder may only hold .csv and .xlsx files")
			continue
		}
		files = append(files, path)
	}
	slices.Sort(files)
	return files
}

// readPeriod reads and merges the files of one period. It adds to g the
// fields of its headers (and, when entities.csv could not be read, the ids
// of its rows). pd.vals holds the own values as a matrix of rows × width,
// g's size when the period was read; Load widens it to g's final size.
func readPeriod(src *periodSource, s site, names fieldNames, ents entityLookup, g *grid, l *diag.List) (pd *PeriodData, fields map[string]bool, rows, width int) {
	pr := newPeriodReader(names, ents, g, l)
	pd = &PeriodData{Period: src.period, ID: src.period.String(), grid: g}
	for _, path := range src.files {
		rel := s.rel(path)
		pd.Files = append(pd.Files, rel)
		data, ok := s.read(path, l)
		if !ok {
			continue
		}
		fs := &fileState{file: rel}
		readable := true
		if dataExt(path) == ".xlsx" {
			x := openXLSX(data, rel, l)
			if x == nil {
				continue
			}
			fs.number = x.number
			x.each(func(r *row) bool { return pr.readRow(fs, r) })
			x.f.Close()
		} else {
			readable = readCSV(data, rel, l, func(r *row) bool { return pr.readRow(fs, r) })
		}
		switch {
		case !fs.header && readable:
			l.Errorf(diag.Pos{File: rel}, "文件为空；第一行应为表头：entity（或 编号）和字段名", "the file is empty; the first row must be the header: entity (or 编号) and the field names")
		case readable && fs.ok && fs.rows == 0:
			l.Warnf(diag.Pos{File: rel}, "文件只有表头，没有数据行", "the file has a header but no data rows")
		}
	}
	slices.Sort(pd.Files)
	pd.vals = pr.own()
	return pd, pr.fields, pr.rows, pr.width
}
