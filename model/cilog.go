package model

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// LogSummary is what a CI job's log says of its failures, read line by
// line (LogReader) so a log of any size costs only what is kept.
type LogSummary struct {
	// Summary is test_progs' last "Summary:" line, without the word.
	Summary                        string
	Passed, Total, Skipped, Failed int
	// FailedTests are the tests that failed, as test_progs names them
	// ("btf_dump/btf_dump: struct_data"), each once, in log order.
	FailedTests []string
	// Errors are the ##[error] lines (GitHub makes them the check run's
	// annotations), each once, at most maxLogErrors.
	Errors []string
	// ErrorBlock is the first "##[group]Error: …" block, its heading
	// first, at most maxErrorBlock lines.
	ErrorBlock []string
	Lines      int // lines read
	// Truncated says the log was longer than the reader would take: what
	// is here is from its beginning.
	Truncated bool
}

const (
	maxLogErrors   = 50
	maxErrorBlock  = 40
	maxFailedTests = 200
)

var (
	// logStamp is the RFC 3339 time GitHub puts before every log line.
	logStamp = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ?`)
	// bareSGR is a colour sequence that lost its ESC on the way ("[1;31m"),
	// as some stored logs have them; with the ESC, Sanitize removes it.
	bareSGR = regexp.MustCompile(`\[[0-9;]*m`)
	// testResult is a test_progs result line: "#32/14   btf_dump/btf_dump: struct_data:FAIL".
	testResult = regexp.MustCompile(`^#(\d+)(?:/(\d+))?\s+(.+):(OK|FAIL|SKIP)$`)
	// testName is a test as an ##[error] line names it: "#32/14 btf_dump/btf_dump: struct_data".
	testName   = regexp.MustCompile(`^#(\d+)(?:/(\d+))?\s+(.+)$`)
	summaryRow = regexp.MustCompile(`^Summary: (\d+)/(\d+) PASSED, (\d+) SKIPPED, (\d+) FAILED`)
)

// LogReader reads a job's log one line at a time.
type LogReader struct {
	sum     LogSummary
	inBlock bool // inside the first error block
	// results are test_progs' FAIL lines by test number, and which top-level
	// tests failed: a sub-test's FAIL counts only when its test failed too,
	// since the framework's own expected-failure sub-tests print FAIL under
	// a test that passes ("prog_tests_framework/test_fail_subtest").
	fails     []testFail
	failedTop map[string]bool
	errTests  []testFail // the tests ##[error] lines name
	seenErr   map[string]bool
}

type testFail struct{ top, sub, name string }

// NewLogReader starts reading a log.
func NewLogReader() *LogReader {
	return &LogReader{failedTop: map[string]bool{}, seenErr: map[string]bool{}}
}

// Line reads one line of the log (without its newline).
func (r *LogReader) Line(raw string) {
	r.sum.Lines++
	line := SanitizeLine(logStamp.ReplaceAllString(clip(raw, MaxLineBytes), ""))
	if strings.Contains(line, "m") && strings.Contains(line, "[") {
		line = bareSGR.ReplaceAllString(line, "")
	}
	if r.inBlock {
		r.blockLine(line)
	}
	switch {
	case strings.HasPrefix(line, "##[error]"):
		r.errorLine(strings.TrimPrefix(line, "##[error]"))
	case strings.HasPrefix(line, "##[group]Error:") && r.sum.ErrorBlock == nil:
		r.inBlock = true
		r.sum.ErrorBlock = []string{strings.TrimSpace(strings.TrimPrefix(line, "##[group]"))}
	default:
		r.resultLine(line)
	}
}

func (r *LogReader) blockLine(line string) {
	if line == "##[endgroup]" || len(r.sum.ErrorBlock) >= maxErrorBlock {
		r.inBlock = false
		return
	}
	if !strings.HasPrefix(line, "##[") {
		r.sum.ErrorBlock = append(r.sum.ErrorBlock, line)
	}
}

func (r *LogReader) errorLine(text string) {
	text = strings.TrimSpace(text)
	if text == "" || r.seenErr[text] || len(r.seenErr) >= 4*maxFailedTests {
		return // seen, or enough kept: a log of any size costs what is kept
	}
	r.seenErr[text] = true
	if len(r.sum.Errors) < maxLogErrors {
		r.sum.Errors = append(r.sum.Errors, text)
	}
	if m := testName.FindStringSubmatch(text); m != nil && len(r.errTests) < 2*maxFailedTests {
		r.errTests = append(r.errTests, testFail{top: m[1], sub: m[2], name: m[3]})
	}
}

func (r *LogReader) resultLine(line string) {
	if m := summaryRow.FindStringSubmatch(line); m != nil {
		r.sum.Summary = strings.TrimPrefix(line, "Summary: ")
		r.sum.Passed, r.sum.Total = atoi(m[1]), atoi(m[2])
		r.sum.Skipped, r.sum.Failed = atoi(m[3]), atoi(m[4])
		return
	}
	m := testResult.FindStringSubmatch(line)
	if m == nil || m[4] != "FAIL" {
		return
	}
	if m[2] == "" {
		r.failedTop[m[1]] = true
	}
	if len(r.fails) < 4*maxFailedTests { // printed twice: as it runs and in the summary
		r.fails = append(r.fails, testFail{top: m[1], sub: m[2], name: m[3]})
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// Summary is what the log said, once every line is read. The failing tests
// are those the ##[error] lines name when there are any (BPF CI writes
// one per failure), else test_progs' FAIL lines; a test is left out when
// one of its sub-tests is listed, which says more.
func (r *LogReader) Summary() LogSummary {
	sum := r.sum
	from := r.errTests
	if len(from) == 0 {
		for _, f := range r.fails {
			if r.failedTop[f.top] {
				from = append(from, f)
			}
		}
	}
	withSub := map[string]bool{}
	for _, f := range from {
		if f.sub != "" {
			withSub[f.top] = true
		}
	}
	sum.FailedTests = nil
	for _, f := range from {
		if (f.sub == "" && withSub[f.top]) || slices.Contains(sum.FailedTests, f.name) {
			continue
		}
		if len(sum.FailedTests) < maxFailedTests {
			sum.FailedTests = append(sum.FailedTests, f.name)
		}
	}
	return sum
}
