package model

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func readLog(t *testing.T, keep func(string) bool) LogSummary {
	t.Helper()
	f, err := os.Open("testdata/bpf-ci-job-log-excerpt.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewLogReader()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if keep == nil || keep(sc.Text()) {
			r.Line(sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return r.Summary()
}

// TestRealLog: the real log's one failure is found once, not the
// framework's expected-failure sub-test, and not twice.
func TestRealLog(t *testing.T) {
	sum := readLog(t, nil)
	if want := []string{"btf_dump/btf_dump: struct_data"}; !slices.Equal(sum.FailedTests, want) {
		t.Errorf("failed tests %q, want %q", sum.FailedTests, want)
	}
	if sum.Summary != "534/3887 PASSED, 68 SKIPPED, 1 FAILED" || sum.Passed != 534 || sum.Total != 3887 || sum.Skipped != 68 || sum.Failed != 1 {
		t.Errorf("summary %q %+v", sum.Summary, sum)
	}
	wantErrs := []string{"#32 btf_dump", "#32/14 btf_dump/btf_dump: struct_data", "Process completed with exit code 1."}
	if !slices.Equal(sum.Errors, wantErrs) {
		t.Errorf("errors %q, want %q", sum.Errors, wantErrs)
	}
	if len(sum.ErrorBlock) < 5 || sum.ErrorBlock[0] != "Error: #32/14 btf_dump/btf_dump: struct_data" {
		t.Errorf("error block %q", sum.ErrorBlock)
	}
	for _, l := range append(append([]string{}, sum.ErrorBlock...), sum.Errors...) {
		if strings.ContainsAny(l, "\x1b\r") || logStamp.MatchString(l) {
			t.Errorf("line kept raw: %q", l)
		}
	}
}

// TestLogWithoutErrorLines: with no ##[error] lines (another workflow),
// the FAIL lines say it, the expected-failure sub-test still left out.
func TestLogWithoutErrorLines(t *testing.T) {
	sum := readLog(t, func(l string) bool { return !strings.Contains(l, "##[error]") })
	if want := []string{"btf_dump/btf_dump: struct_data"}; !slices.Equal(sum.FailedTests, want) {
		t.Errorf("failed tests %q, want %q", sum.FailedTests, want)
	}
	r := NewLogReader()
	for _, l := range []string{"#7       align:FAIL", "#9/1     bpf_cookie/kprobe:FAIL", "#9       bpf_cookie:FAIL", "#7       align:FAIL"} {
		r.Line(l)
	}
	if got := r.Summary().FailedTests; !slices.Equal(got, []string{"align", "bpf_cookie/kprobe"}) {
		t.Errorf("a test without sub-tests and one with: %q", got)
	}
}

// TestLogReaderKeepsLittle: a long log of failures keeps bounded lists,
// whatever its size.
func TestLogReaderKeepsLittle(t *testing.T) {
	r := NewLogReader()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range 50_000 {
		r.Line(fmt.Sprintf("2024-05-16T17:19:58.0615213Z #%d/1   t%d/sub:FAIL", i, i))
		r.Line(fmt.Sprintf("2024-05-16T17:19:58.0615213Z #%d      t%d:FAIL", i, i))
		r.Line(fmt.Sprintf("##[error]#%d/1 t%d/sub", i, i)) // each distinct
		r.Line(strings.Repeat("x", 10_000))
	}
	sum := r.Summary()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(sum.FailedTests) > maxFailedTests || len(sum.Errors) > maxLogErrors {
		t.Errorf("%d failed tests, %d errors kept", len(sum.FailedTests), len(sum.Errors))
	}
	if grown := int64(after.HeapInuse) - int64(before.HeapInuse); grown > 50<<20 {
		t.Errorf("heap grew %d MB reading a 500 MB log", grown>>20)
	}
	if sum.Lines != 200_000 {
		t.Errorf("%d lines counted", sum.Lines)
	}
}
