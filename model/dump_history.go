package model

import (
	"bytes"
	"time"
)

// DumpHistory is a dumped PR's test history, encoded after "checks" as
//
//	"history": {"headline", "versions": [{"version", "kind", "upstream",
//	"pushed_at", "actor", "head_sha", "applied", "label_verdict"}],
//	"runs": [{"id", "head_sha", "attempt", "workflow", "event", "status",
//	"conclusion", "created_at", "html_url", "version", "version_index",
//	"jobs": [{"id", "name", "arch", "toolchain", "suite", "conclusion",
//	"html_url", "failed_tests": [...], "annotations": [{"path", "line",
//	"level", "title", "message"}]}]}], "tests": [{"test", "where",
//	"failed_in", "passed_in", "first_failed", "passed_before",
//	"passed_after", "flaky", "summary"}]}
//
// in that key order. Versions oldest first; runs oldest first, "version"
// (its id) and "version_index" (into "versions") null for a run no version
// accounts for. pushed_at is the force-push after the announcement, or the
// announcement itself when none was seen; head_sha, label_verdict and
// conclusion are null when not known; arrays are never null. A run's jobs
// that could not be fetched: "jobs_error" in place of "jobs"; likewise
// "annotations_error". With --logs a job adds "log_summary": {"summary",
// "passed", "total", "skipped", "failed", "errors", "error_block",
// "truncated"} or "log_error". When the runs could not be listed at all:
// {"error"}; when paging them stopped early, "truncated" comes last. A
// repository without Actions (404) is an empty history, not an error.
type DumpHistory struct {
	History   History
	Err       string
	Truncated string
}

func (d DumpHistory) encode() []byte {
	var obj orderedObject
	if d.Err != "" {
		obj.string("error", SanitizeLine(d.Err))
		return obj.bytes()
	}
	h := d.History
	obj.string("headline", SanitizeLine(h.Headline()))
	obj.array("versions", encodeEach(h.Versions, func(tv TestedVersion) []byte { return encodeVersion(tv.Version) }))
	var runs [][]byte
	for i, tv := range h.Versions {
		for _, r := range tv.Runs {
			runs = append(runs, encodeRun(r, tv.Version.ID, i))
		}
	}
	for _, r := range h.Unmatched {
		runs = append(runs, encodeRun(r, "", -1))
	}
	obj.array("runs", runs)
	obj.array("tests", encodeEach(h.Trends(), encodeTrend))
	if d.Truncated != "" {
		obj.string("truncated", SanitizeLine(d.Truncated))
	}
	return obj.bytes()
}

func encodeVersion(v Version) []byte {
	var o orderedObject
	o.string("version", SanitizeLine(v.ID))
	o.string("kind", string(v.Kind))
	o.stringOrNull("upstream", SanitizeLine(v.Upstream))
	pushed := v.PushedAt
	if pushed.IsZero() {
		pushed = v.At
	}
	timeOrNull(&o, "pushed_at", pushed)
	o.string("actor", SanitizeLine(v.Actor))
	o.stringOrNull("head_sha", SanitizeLine(v.HeadSHA))
	o.bool("applied", v.Applied)
	o.stringOrNull("label_verdict", SanitizeLine(v.LabelVerdict))
	return o.bytes()
}

func encodeRun(r RunResult, version string, index int) []byte {
	run := r.Run
	var o orderedObject
	o.int64("id", run.ID)
	o.string("head_sha", SanitizeLine(run.HeadSHA))
	o.int("attempt", run.Attempt)
	o.string("workflow", SanitizeLine(run.Workflow))
	o.string("event", SanitizeLine(run.Event))
	o.string("status", SanitizeLine(run.Status))
	o.stringOrNull("conclusion", SanitizeLine(run.Conclusion))
	timeOrNull(&o, "created_at", run.CreatedAt)
	o.string("html_url", SanitizeLine(run.HTMLURL))
	if index < 0 {
		o.null("version")
		o.null("version_index")
	} else {
		o.string("version", SanitizeLine(version))
		o.int("version_index", index)
	}
	if r.JobsErr != "" {
		o.string("jobs_error", SanitizeLine(r.JobsErr))
	} else {
		o.array("jobs", encodeEach(r.Jobs, encodeJob))
	}
	return o.bytes()
}

func encodeJob(j JobResult) []byte {
	var o orderedObject
	o.int64("id", j.Job.ID)
	o.string("name", SanitizeLine(j.Job.Name))
	o.string("arch", SanitizeLine(j.Name.Arch))
	o.string("toolchain", SanitizeLine(j.Name.Toolchain))
	o.string("suite", SanitizeLine(j.Name.Suite))
	o.stringOrNull("conclusion", SanitizeLine(j.Job.Conclusion))
	o.string("html_url", SanitizeLine(j.Job.HTMLURL))
	o.array("failed_tests", encodeStrings(j.FailedTests))
	if j.AnnotationsErr != "" {
		o.string("annotations_error", SanitizeLine(j.AnnotationsErr))
	} else {
		o.array("annotations", encodeEach(j.Annotations, encodeAnnotation))
	}
	switch {
	case j.LogErr != "":
		o.string("log_error", SanitizeLine(j.LogErr))
	case j.Log != nil:
		o.raw("log_summary", encodeLogSummary(*j.Log))
	}
	return o.bytes()
}

func encodeAnnotation(a Annotation) []byte {
	var o orderedObject
	o.string("path", SanitizeLine(a.Path))
	o.int("line", a.Line)
	o.string("level", SanitizeLine(a.Level))
	o.string("title", SanitizeLine(a.Title))
	o.string("message", Sanitize(a.Message))
	return o.bytes()
}

func encodeLogSummary(s LogSummary) []byte {
	var o orderedObject
	o.stringOrNull("summary", SanitizeLine(s.Summary))
	o.int("passed", s.Passed)
	o.int("total", s.Total)
	o.int("skipped", s.Skipped)
	o.int("failed", s.Failed)
	o.array("errors", encodeStrings(s.Errors))
	o.array("error_block", encodeStrings(s.ErrorBlock))
	o.bool("truncated", s.Truncated)
	return o.bytes()
}

func encodeTrend(t TestTrend) []byte {
	var o orderedObject
	o.string("test", SanitizeLine(t.Test))
	o.array("where", encodeStrings(t.Where))
	o.array("failed_in", encodeStrings(t.FailedIn))
	o.array("passed_in", encodeStrings(t.PassedIn))
	o.stringOrNull("first_failed", SanitizeLine(t.FirstFailed))
	o.bool("passed_before", t.PassedBefore)
	o.bool("passed_after", t.PassedAfter)
	o.bool("flaky", t.Flaky)
	o.string("summary", SanitizeLine(t.String()))
	return o.bytes()
}

func encodeStrings(xs []string) [][]byte {
	return encodeEach(xs, func(s string) []byte {
		var b bytes.Buffer
		writeJSONString(&b, SanitizeLine(s))
		return b.Bytes()
	})
}

func timeOrNull(o *orderedObject, k string, t time.Time) {
	if t.IsZero() {
		o.null(k)
		return
	}
	o.string(k, t.UTC().Format(time.RFC3339Nano))
}
