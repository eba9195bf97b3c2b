package model

import (
	"strings"
	"testing"
)

func TestDumpChecksEncoding(t *testing.T) {
	tests := []struct {
		name   string
		checks DumpChecks
		want   string
	}{
		{
			name:   "none",
			checks: DumpChecks{HeadSHA: "abc"},
			want:   `{"head_sha":"abc","state":"","summary":{"passed":0,"failed":0,"running":0,"skipped":0,"neutral":0},"runs":[],"statuses":[]}`,
		},
		{
			name: "runs and statuses",
			checks: DumpChecks{HeadSHA: "abc",
				Runs: []CheckRun{
					{Name: "build", App: "GitHub Actions", Status: "completed", Conclusion: "success", HTMLURL: "https://github.com/o/r/runs/1"},
					{Name: "test", App: "GitHub Actions", Status: "in_progress", HTMLURL: "https://github.com/o/r/runs/2"},
				},
				Statuses: []CommitStatus{{Context: "ci/jenkins", State: "failure", Description: "broke", TargetURL: "https://ci/1"}},
			},
			want: `{"head_sha":"abc","state":"failed","summary":{"passed":1,"failed":1,"running":1,"skipped":0,"neutral":0},` +
				`"runs":[{"name":"build","app":"GitHub Actions","status":"completed","conclusion":"success","url":"https://github.com/o/r/runs/1"},` +
				`{"name":"test","app":"GitHub Actions","status":"in_progress","conclusion":null,"url":"https://github.com/o/r/runs/2"}],` +
				`"statuses":[{"context":"ci/jenkins","state":"failure","description":"broke","url":"https://ci/1"}]}`,
		},
		{
			name:   "could not fetch",
			checks: DumpChecks{HeadSHA: "abc", Err: "403 Forbidden: \x1b[31mno"},
			want:   `{"head_sha":"abc","error":"403 Forbidden: no"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(tt.checks.encode()); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestDumpWithChecks(t *testing.T) {
	plain := string(mustMarshal(t, Dump{Repo: "o/r"}))
	with := string(mustMarshal(t, Dump{Repo: "o/r", Checks: &DumpChecks{HeadSHA: "abc", Runs: []CheckRun{{Name: "x\x1b[2J", Status: "queued"}}}}))
	if strings.Contains(plain, "checks") {
		t.Errorf("a dump without checks has the key: %s", plain)
	}
	if !strings.HasPrefix(with, strings.TrimSuffix(plain, "}")+`,"checks":{"head_sha":"abc"`) {
		t.Errorf("checks should follow the timeline, the rest unchanged:\n%s\n%s", plain, with)
	}
	if strings.Contains(with, "\x1b") || !strings.Contains(with, `"name":"x"`) {
		t.Errorf("unsanitized: %q", with)
	}
}
