package model

// DumpChecks is the CI on a dumped PR's head commit, encoded as
//
//	"checks": {"head_sha", "state", "summary": {"passed", "failed",
//	"running", "skipped", "neutral"}, "runs": [{"name", "app", "status",
//	"conclusion", "url"}], "statuses": [{"context", "state", "description",
//	"url"}]}
//
// in that key order: state and summary as SummarizeChecks counts them
// (state "" when there are none), runs and statuses as GitHub listed them,
// conclusion null until a run completes, [] rather than null. When they
// could not be fetched: {"head_sha", "error"}. When only the statuses could
// not, "statuses_error": why follows "statuses" (then []). When paging them
// stopped early (a loop, the page cap), "truncated": why comes last.
type DumpChecks struct {
	HeadSHA     string
	Runs        []CheckRun
	Statuses    []CommitStatus
	Err         string
	StatusesErr string
	Truncated   string
}

// encode writes c as documented, every string sanitized.
func (c DumpChecks) encode() []byte {
	var obj orderedObject
	obj.string("head_sha", SanitizeLine(c.HeadSHA))
	if c.Err != "" {
		obj.string("error", SanitizeLine(c.Err))
		return obj.bytes()
	}
	sum := SummarizeChecks(c.Runs, c.Statuses)
	obj.string("state", string(sum.State))
	var counts orderedObject
	counts.int("passed", sum.Passed)
	counts.int("failed", sum.Failed)
	counts.int("running", sum.Running)
	counts.int("skipped", sum.Skipped)
	counts.int("neutral", sum.Neutral)
	obj.raw("summary", counts.bytes())
	obj.array("runs", encodeEach(c.Runs, encodeCheckRun))
	obj.array("statuses", encodeEach(c.Statuses, encodeCommitStatus))
	if c.StatusesErr != "" {
		obj.string("statuses_error", SanitizeLine(c.StatusesErr))
	}
	if c.Truncated != "" {
		obj.string("truncated", SanitizeLine(c.Truncated))
	}
	return obj.bytes()
}

func encodeCheckRun(r CheckRun) []byte {
	var run orderedObject
	run.string("name", SanitizeLine(r.Name))
	run.string("app", SanitizeLine(r.App))
	run.string("status", SanitizeLine(r.Status))
	run.stringOrNull("conclusion", SanitizeLine(r.Conclusion))
	run.string("url", SanitizeLine(r.HTMLURL))
	return run.bytes()
}

func encodeCommitStatus(s CommitStatus) []byte {
	var st orderedObject
	st.string("context", SanitizeLine(s.Context))
	st.string("state", SanitizeLine(s.State))
	st.string("description", SanitizeLine(s.Description))
	st.string("url", SanitizeLine(s.TargetURL))
	return st.bytes()
}
