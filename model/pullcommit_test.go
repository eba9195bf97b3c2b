package model

import "testing"

func TestPullCommitCount(t *testing.T) {
	three := make([]PullCommit, 3)
	full := make([]PullCommit, MaxPullCommits)
	for _, c := range []struct {
		listed  []PullCommit
		loaded  bool
		counted int
		want    int
	}{
		{nil, false, 7, 7},         // not loaded: GET /pulls/N's count
		{three, true, 0, 3},        // loaded, no count (a list row)
		{three, true, 5, 3},        // the list is now; the count may be older
		{nil, true, 2, 0},          // loaded and empty
		{full, true, 300, 300},     // the list stopped at GitHub's limit
		{full, true, 0, len(full)}, // stopped, but no count to say more
	} {
		if got := CommitCount(c.listed, c.loaded, c.counted); got != c.want {
			t.Errorf("CommitCount(%d listed, loaded %v, counted %d) = %d, want %d", len(c.listed), c.loaded, c.counted, got, c.want)
		}
	}
}
