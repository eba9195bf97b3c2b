package model

import "time"

// PullCommit is one of a PR's own commits as GET /pulls/{n}/commits lists
// them: the commits of its head branch now, oldest first. GitHub lists at
// most MaxPullCommits; GET /pulls/{n}'s count is exact beyond that.
type PullCommit struct {
	SHA     string
	Subject string // the message's first line
	Author  string // the GitHub login, or the git author's name
	Date    time.Time
}

// MaxPullCommits is where GitHub's list of a PR's commits stops.
const MaxPullCommits = 250

// NewPullCommit is a PR commit made safe to show: one-line subject and
// author, whatever the API sent.
func NewPullCommit(sha, message, author string, date time.Time) PullCommit {
	return PullCommit{SHA: SanitizeLine(sha), Subject: SanitizeLine(FirstLine(message)), Author: SanitizeLine(author), Date: date}
}

// PullCommitKey is a PR commit's identity for Pager: its SHA.
func PullCommitKey(c PullCommit) string { return c.SHA }

// CommitCount is how many commits a PR has: its own list's length once
// loaded (listed is nil until then), else GET /pulls/{n}'s count; the
// larger where the list stopped at GitHub's limit.
func CommitCount(listed []PullCommit, loaded bool, counted int) int {
	if !loaded || (len(listed) >= MaxPullCommits && counted > len(listed)) {
		return counted
	}
	return len(listed)
}
