package fake

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"
)

// The demo's job logs are made from demodata/ci-log-template.txt, the shape
// of a real BPF CI log cut down to its telling lines (demodata/README.md
// says where it comes from). The template is parsed once; a log is then
// its sections' lines in turn, placeholders filled in, each stamped with
// the job's clock as GitHub stamps log lines.

//go:embed demodata/ci-log-template.txt
var ciLogTemplateText string

// logVar is a placeholder of the template, {NAME}.
type logVar int

const (
	lvNone logVar = iota
	lvRunnerLabel
	lvRunner
	lvPR
	lvHead7
	lvSubject
	lvArch
	lvTC
	lvSuite
	lvBin
	lvBinCol
	lvResult
	lvResultWord
	lvStatus
	lvPassed
	lvTotal
	lvSkipped
	lvFailed
	lvTopNum
	lvTop
	lvTopTag
	lvSubNum
	lvSub
	lvSubTag
	numLogVars
)

var logVarNames = map[string]logVar{
	"RUNNER_LABEL": lvRunnerLabel, "RUNNER": lvRunner, "PR": lvPR, "HEAD7": lvHead7, "SUBJECT": lvSubject,
	"ARCH": lvArch, "TC": lvTC, "SUITE": lvSuite, "BIN": lvBin, "BIN_COL": lvBinCol,
	"RESULT": lvResult, "RESULT_WORD": lvResultWord, "STATUS": lvStatus,
	"PASSED": lvPassed, "TOTAL": lvTotal, "SKIPPED": lvSkipped, "FAILED": lvFailed,
	"TOP_NUM": lvTopNum, "TOP": lvTop, "TOP_TAG": lvTopTag, "SUB_NUM": lvSubNum, "SUB": lvSub, "SUB_TAG": lvSubTag,
}

// logOutcome is which logs a template line is in.
type logOutcome int

const (
	inEvery logOutcome = iota
	inFailed
	inPassed
)

type logLine struct {
	advance time.Duration // an "@+" line: the clock moves on, nothing is written
	only    logOutcome
	parts   []logPart
}

// logPart is literal text, or a placeholder when v is set.
type logPart struct {
	text string
	v    logVar
}

type logTemplate map[string][]logLine

var parsedLogTemplate = sync.OnceValues(func() (logTemplate, error) { return parseLogTemplate(ciLogTemplateText) })

func parseLogTemplate(text string) (logTemplate, error) {
	t := logTemplate{}
	section := ""
	block := inEvery
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		bad := func(why string) error { return fmt.Errorf("ci-log-template.txt:%d: %s", n+1, why) }
		only := block
		switch {
		case strings.HasPrefix(line, "@#"):
			continue
		case strings.HasPrefix(line, "@section "):
			section = strings.TrimPrefix(line, "@section ")
			if _, dup := t[section]; dup {
				return nil, bad("section " + section + " twice")
			}
			t[section] = nil
			continue
		case line == "@if failed" || line == "@if passed":
			if block != inEvery {
				return nil, bad("@if inside @if")
			}
			block = map[bool]logOutcome{true: inFailed, false: inPassed}[line == "@if failed"]
			continue
		case line == "@end":
			block = inEvery
			continue
		case strings.HasPrefix(line, "@+"):
			d, err := time.ParseDuration(strings.TrimPrefix(line, "@+"))
			if err != nil {
				return nil, bad(err.Error())
			}
			t[section] = append(t[section], logLine{advance: d})
			continue
		case strings.HasPrefix(line, "@failed "):
			line, only = strings.TrimPrefix(line, "@failed "), inFailed
		case strings.HasPrefix(line, "@passed "):
			line, only = strings.TrimPrefix(line, "@passed "), inPassed
		case strings.HasPrefix(line, "@"):
			return nil, bad("unknown directive " + line)
		}
		if section == "" {
			return nil, bad("a line before the first section")
		}
		parts, err := logParts(line)
		if err != nil {
			return nil, bad(err.Error())
		}
		t[section] = append(t[section], logLine{only: only, parts: parts})
	}
	return t, nil
}

// logParts splits a line at its placeholders: {NAME} of capitals, digits
// and '_'. Other braces are text (a dumped struct's "{").
func logParts(line string) ([]logPart, error) {
	var parts []logPart
	for line != "" {
		i := strings.IndexByte(line, '{')
		j := -1
		if i >= 0 {
			j = strings.IndexByte(line[i:], '}')
		}
		if i < 0 || j < 0 || !isPlaceholder(line[i+1:i+j]) {
			if i < 0 || j < 0 {
				parts = append(parts, logPart{text: line})
				break
			}
			parts = append(parts, logPart{text: line[:i+1]})
			line = line[i+1:]
			continue
		}
		name := line[i+1 : i+j]
		v, ok := logVarNames[name]
		if !ok {
			return nil, fmt.Errorf("unknown placeholder {%s}", name)
		}
		if i > 0 {
			parts = append(parts, logPart{text: line[:i]})
		}
		parts = append(parts, logPart{v: v})
		line = line[i+j+1:]
	}
	return parts, nil
}

func isPlaceholder(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// logJob is what one job's log is made of.
type logJob struct {
	sections []string
	failed   bool
	vars     [numLogVars]string
	start    time.Time
	// permille scales the template's clock moves, so jobs do not all
	// take the same time.
	permille int64
}

// render writes the job's log (when text is set) and returns it with the
// time of its last line, which is when the job completed.
func (t logTemplate) render(j *logJob, text bool) (string, time.Time) {
	var b strings.Builder
	if text {
		b.Grow(t.size(j))
	}
	clock := j.start
	n := 0
	var st stamper
	var stamp [stampLen]byte
	t.each(j, func(l *logLine) {
		if l.advance != 0 {
			clock = clock.Add(l.advance * time.Duration(j.permille) / 1000)
			return
		}
		n++
		// Lines of one burst come a fraction of a millisecond apart.
		clock = clock.Add(time.Duration(173+(n*7919)%613) * time.Microsecond)
		if !text {
			return
		}
		b.Write(st.append(stamp[:0], clock))
		for _, p := range l.parts {
			if p.v != lvNone {
				b.WriteString(j.vars[p.v])
			} else {
				b.WriteString(p.text)
			}
		}
		b.WriteByte('\n')
	})
	return b.String(), clock
}

// each calls f with the job's lines in order, those of the other outcome
// left out.
func (t logTemplate) each(j *logJob, f func(*logLine)) {
	for _, name := range j.sections {
		lines := t[name]
		for i := range lines {
			if l := &lines[i]; (l.only != inFailed || j.failed) && (l.only != inPassed || !j.failed) {
				f(l)
			}
		}
	}
}

// size is the length of the job's log, so it is written in one buffer.
func (t logTemplate) size(j *logJob) int {
	n := 0
	t.each(j, func(l *logLine) {
		if l.advance != 0 {
			return
		}
		n += stampLen + 1
		for _, p := range l.parts {
			if p.v != lvNone {
				n += len(j.vars[p.v])
			} else {
				n += len(p.text)
			}
		}
	})
	return n
}

// stampLen is the length of "2024-05-16T17:19:58.0543708Z ".
const stampLen = 29

// stamper writes GitHub's stamp, RFC 3339 in UTC with 7 fractional
// digits and a space, formatting the second only when it changes: most
// lines of a log share theirs.
type stamper struct {
	sec  int64
	text []byte // "2024-05-16T17:19:58"
}

func (s *stamper) append(b []byte, t time.Time) []byte {
	t = t.UTC()
	if sec := t.Unix(); s.text == nil || sec != s.sec {
		s.sec, s.text = sec, t.AppendFormat(s.text[:0], "2006-01-02T15:04:05")
	}
	b = append(b, s.text...)
	frac := t.Nanosecond() / 100
	b = append(b, '.', 0, 0, 0, 0, 0, 0, 0)
	for i := len(b) - 1; i > len(b)-8; i-- {
		b[i] = byte('0' + frac%10)
		frac /= 10
	}
	return append(b, 'Z', ' ')
}
