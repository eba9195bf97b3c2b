package github_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/prscope/prscope/model"
)

// TestTimelineShowsEveryDetailOfMoreKinds: kinds that came through as bare
// lines keep what GitHub sends — code comments with where they were made,
// a dismissal's state and message, milestones, a team asked to review, why
// a PR was closed, where a project card went — in the summary, the body
// and dump.
func TestTimelineShowsEveryDetailOfMoreKinds(t *testing.T) {
	body, err := os.ReadFile("testdata/timeline-more-kinds.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	defer srv.Close()
	events, _, err := clientFor(t, srv.URL+"/", "").Timeline(context.Background(), octoHello, 1, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ summary, body, dump string }{
		{"commented on the code", "kernel/bpf/verifier.c:1234\nThis check is inverted.\n\nkernel/bpf/verifier.c:1240\nAgreed.", `"body":"kernel/bpf/verifier.c:1234`},
		{"commented on a commit", "README.md:7\nTypo here.", `"body":"README.md:7\nTypo here."`},
		{"dismissed a review (changes requested)", "Addressed in v2.", `"dismissed_state":"changes_requested"`},
		{"added this to milestone v6.9", "", `"milestone":"v6.9"`},
		{"removed this from milestone v6.9", "", `"milestone":"v6.9"`},
		{"requested review from team BPF reviewers", "", `"requested_team":"BPF reviewers"`},
		{"closed this (not planned)", "", `"state_reason":"not_planned"`},
		{"moved this in a project from In review to Done", "", `"project_card":{"column":"Done","previous_column":"In review"}`},
	}
	if len(events) != len(want) {
		t.Fatalf("%d events, want %d", len(events), len(want))
	}
	for i, w := range want {
		e := events[i]
		if got := model.EventSummary(e); got != w.summary {
			t.Errorf("%s: summary %q, want %q", e.Event, got, w.summary)
		}
		if e.Body != w.body {
			t.Errorf("%s: body %q, want %q", e.Event, e.Body, w.body)
		}
		if d, _ := model.DumpEvent(e); !strings.Contains(string(d), w.dump) {
			t.Errorf("%s: dump %s lacks %s", e.Event, d, w.dump)
		}
	}
}

// TestUnparsableTimesAreUnknownNotFatal: a check run or a timeline event
// whose time does not parse has an unknown time; the rest of the answer
// stands (go-github failed the whole page as a "network error").
func TestUnparsableTimesAreUnknownNotFatal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/check-runs"):
			w.Write([]byte(`{"total_count": 2, "check_runs": [
				{"id": 1, "name": "jenkins", "status": "completed", "conclusion": "failure", "started_at": "2018-04-25 20:42:10", "completed_at": "yesterday", "app": {"name": "Jenkins"}, "check_suite": {"id": 5}},
				{"id": 2, "name": "build", "status": "completed", "conclusion": "success", "started_at": "2018-04-25T20:42:10Z", "app": {"name": "GitHub Actions"}, "check_suite": {"id": 6}}]}`))
		default:
			w.Write([]byte(`[{"id": 1, "node_id": "IC_1", "event": "commented", "user": {"login": "a"}, "body": "odd time", "created_at": "2018-04-25 20:42:10"},
				{"id": 2, "node_id": "IC_2", "event": "commented", "user": {"login": "b"}, "body": "fine", "created_at": "2018-04-25T20:42:10Z"}]`))
		}
	}))
	defer srv.Close()
	c := clientFor(t, srv.URL+"/", "")
	runs, _, err := c.CheckRuns(context.Background(), octoHello, strings.Repeat("a", 40), 1, 100)
	if err != nil || len(runs) != 2 {
		t.Fatalf("check runs %+v, %v: want both", runs, err)
	}
	if runs[0].StartedAt != nil || runs[0].CompletedAt != nil || runs[1].StartedAt == nil || runs[0].Conclusion != "failure" {
		t.Errorf("times: %+v / %+v", runs[0], runs[1])
	}
	events, _, err := c.Timeline(context.Background(), octoHello, 1, 1, 100)
	if err != nil || len(events) != 2 {
		t.Fatalf("timeline %+v, %v: want both events", events, err)
	}
	if !events[0].CreatedAt.IsZero() || events[1].CreatedAt.IsZero() || events[0].Body != "odd time" {
		t.Errorf("events: %+v", events)
	}
}
