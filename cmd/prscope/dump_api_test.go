package main

import (
	"strings"
	"testing"
)

func TestDumpAgainstAPIURL(t *testing.T) {
	srv := widgetsServer(t)
	d := decodeDump(t, runOK(t, nil, "dump", "--api-url", srv.URL, "acme/widgets#3"))
	if d.Repo != "acme/widgets" {
		t.Errorf("repo = %q", d.Repo)
	}
	p := d.pull(t)
	if p.Number != 3 || p.Title != "Frob the widget" || p.State != "merged" || p.Body != "Frobs.\n\nFixes #2." ||
		strings.Join(p.Labels, ",") != "enhancement" || p.MergedAt == nil || *p.MergedAt != "2024-02-03T10:00:00Z" {
		t.Errorf("pull = %+v", p)
	}
	var kinds []string
	for _, e := range d.Timeline {
		kinds = append(kinds, e.Event)
	}
	if got, want := strings.Join(kinds, ","), "committed,commented,referenced,merged,closed"; got != want {
		t.Errorf("timeline = %s, want %s", got, want)
	}
	if len(d.Timeline) == 5 {
		committed, comment, ref := d.Timeline[0], d.Timeline[1], d.Timeline[2]
		if committed.Commit == nil || committed.Commit.Message != "frob the widget" || committed.Actor != nil || str(committed.Author) != "Alice" ||
			str(committed.CreatedAt) != "2024-02-01T10:00:00Z" {
			t.Errorf("committed = %+v (commit %+v)", committed, committed.Commit)
		}
		if str(comment.Body) != "nice" || str(comment.Actor) != "bob" {
			t.Errorf("commented = body %s actor %s", str(comment.Body), str(comment.Actor))
		}
		want := dumpedCommit{SHA: strings.Repeat("ab", 20), Repo: "someone/widgets", Message: "widgets: frob\n\nFixes acme/widgets#3"}
		if ref.Commit == nil || *ref.Commit != want || ref.Body != nil {
			t.Errorf("referenced commit = %+v body %s, want %+v and no body", ref.Commit, str(ref.Body), want)
		}
	}
	checkChronological(t, d.Timeline)

	paths := map[string]int{}
	for _, r := range srv.Requests() {
		paths[r.Path]++
	}
	want := map[string]int{
		"/repos/acme/widgets/pulls/3":                                    1,
		"/repos/acme/widgets/issues/3/timeline":                          1,
		"/repos/someone/widgets/git/commits/" + strings.Repeat("ab", 20): 1,
		// The head commit's CI (the committed event's SHA is the head).
		"/repos/acme/widgets/commits/" + strings.Repeat("cd", 20) + "/check-runs": 1,
		"/repos/acme/widgets/commits/" + strings.Repeat("cd", 20) + "/status":     1,
		"/repos/acme/widgets/actions/runs":                                        1, // the CI history: none
	}
	if len(paths) != len(want) {
		t.Errorf("requests = %v, want %v", paths, want)
	}
	for path, n := range want {
		if paths[path] != n {
			t.Errorf("%s requested %d times, want %d", path, paths[path], n)
		}
	}
}

func TestDumpListAgainstAPIURLFromEnv(t *testing.T) {
	srv := widgetsServer(t)
	d := decodeDump(t, runOK(t, map[string]string{"PRSCOPE_API_URL": srv.URL}, "dump", "acme/widgets", "--limit", "2", "--state", "open"))
	var got []int
	for _, p := range d.Pulls {
		got = append(got, p.Number)
	}
	if len(got) != 2 || got[0] != 4 || got[1] != 2 {
		t.Errorf("pulls = %v, want the two newest open PRs [4 2]", got)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/repos/acme/widgets/pulls" || reqs[0].Query.Get("state") != "open" || reqs[0].Query.Get("per_page") != "2" {
		t.Errorf("requests = %+v, want one list request for 2 open PRs", reqs)
	}
}
