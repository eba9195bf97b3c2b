package main

import (
	"context"
	"fmt"
	"io"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// dump prints a PR's whole story, or the first PRs of a repository, as JSON.
//
// One rule for what fails it: the PR and its timeline (for a list, the
// list) are essential, and their failure exits 1 with nothing printed.
// Every optional part (checks, statuses, review comments, each commit
// message) that fails is an "error" in that part and one warning line on
// stderr; a listing whose paging stopped early (a loop, a repeated or empty
// page, the cap) is printed as far as it got, with "truncated" and a
// warning.
func dump(ctx context.Context, w, stderr io.Writer, c *github.Client, o options) error {
	var out []byte
	var err error
	switch {
	case o.target.Number != 0:
		out, err = dumpStory(ctx, stderr, c, o)
	case o.search != "":
		out, err = dumpSearch(ctx, stderr, c, o)
	default:
		prs, ferr := github.FetchPullsPaged(ctx, c, o.target.Repo, o.state, o.limit, o.conf.PageSize)
		truncated := github.Truncated(ferr)
		if ferr != nil && truncated == "" {
			return ferr
		}
		warnTruncated(stderr, "the list of pull requests", truncated)
		out, err = dumpList(o.target.Repo, prs, truncated).MarshalJSON()
	}
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

func dumpStory(ctx context.Context, stderr io.Writer, c *github.Client, o options) ([]byte, error) {
	story, err := github.FetchStoryWith(ctx, c, o.target.Repo, o.target.Number, github.StoryOptions{Logs: o.logs})
	if err != nil {
		return nil, err
	}
	if missing := missingMessages(story.Timeline); missing > 0 {
		fmt.Fprintf(stderr, "prscope: warning: %d commit message(s) could not be fetched; see \"error\" in their commit\n", missing)
	}
	warnTruncated(stderr, "the timeline", story.TimelineTruncated)
	if story.Checks != nil && story.Checks.Err != "" {
		fmt.Fprintln(stderr, "prscope: warning: the CI checks could not be fetched; see \"error\" in \"checks\"")
	}
	if story.Checks != nil && story.Checks.StatusesErr != "" {
		fmt.Fprintln(stderr, "prscope: warning: the commit statuses could not be fetched; see \"statuses_error\" in \"checks\"")
	}
	if story.Checks != nil {
		warnTruncated(stderr, "the CI checks", story.Checks.Truncated)
	}
	if story.ReviewCommentsErr != "" {
		fmt.Fprintln(stderr, "prscope: warning: the review comments could not be fetched; see \"error\" in \"review_comments\"")
	}
	warnTruncated(stderr, "the review comments", story.ReviewCommentsTruncated)
	warnHistory(stderr, story.History)
	pull := model.NewDumpPull(story.Pull)
	refs, groups := model.AnnotateTimeline(o.target.Repo, o.target.Number, story.Timeline)
	return model.Dump{Repo: o.target.Repo.String(), Pull: &pull, Timeline: story.Timeline, Refs: refs, Groups: groups,
		ReviewComments: model.ReviewCommentsByReview(story.ReviewComments), Checks: story.Checks, History: story.History,
		TimelineTruncated: story.TimelineTruncated, ReviewCommentsErr: story.ReviewCommentsErr,
		ReviewCommentsTruncated: story.ReviewCommentsTruncated}.MarshalJSON()
}

// warnTruncated is the stderr line for a listing cut short (why != "").
func warnTruncated(stderr io.Writer, what, why string) {
	if why != "" {
		fmt.Fprintf(stderr, "prscope: warning: not all of %s: paging stopped (%s); see \"truncated\"\n", what, model.SanitizeLine(why))
	}
}

func dumpList(repo model.Repo, prs []model.PullRequest, truncated string) model.DumpList {
	list := model.DumpList{Repo: repo.String(), Pulls: make([]model.DumpPull, len(prs)), Truncated: truncated}
	for i, pr := range prs {
		list.Pulls[i] = model.NewDumpPull(pr)
	}
	return list
}

func missingMessages(events []model.Event) int {
	n := 0
	for _, e := range events {
		if e.Commit != nil && e.Commit.Err != "" {
			n++
		}
	}
	return n
}

// warnHistory is the stderr line for a CI history that is not whole.
func warnHistory(stderr io.Writer, h *model.DumpHistory) {
	if h == nil {
		return
	}
	if h.Err != "" {
		fmt.Fprintln(stderr, "prscope: warning: the CI runs could not be listed; see \"error\" in \"history\"")
		return
	}
	warnTruncated(stderr, "the CI runs", h.Truncated)
	var runs, anns, logs int
	for _, tv := range h.History.Versions {
		for _, r := range tv.Runs {
			if r.JobsErr != "" {
				runs++
			}
			for _, j := range r.Jobs {
				if j.AnnotationsErr != "" {
					anns++
				}
				if j.LogErr != "" {
					logs++
				}
			}
		}
	}
	for _, w := range []struct {
		n          int
		what, part string
	}{{runs, "the jobs of %d run(s) could not be fetched", "jobs_error"}, {anns, "the annotations of %d job(s) could not be fetched", "annotations_error"},
		{logs, "the logs of %d job(s) could not be read", "log_error"}} {
		if w.n > 0 {
			fmt.Fprintf(stderr, "prscope: warning: "+w.what+"; see %q in each\n", w.n, w.part)
		}
	}
}
