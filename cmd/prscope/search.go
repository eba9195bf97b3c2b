package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/prscope/prscope/github"
	"github.com/prscope/prscope/model"
)

// checkSearch vets --search once the target is known: it needs a query and
// a repository (not one PR), and the query must be one for that repository
// (github.BuildSearchQuery says why not).
func checkSearch(fs *flag.FlagSet, o options) error {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "search" })
	switch {
	case !set:
		return nil
	case o.search == "":
		return errors.New("--search needs a query, such as --search 'is:open label:bug'")
	case o.target.Number != 0:
		return fmt.Errorf("--search searches a repository: give OWNER/REPO, not %s#%d", o.target.Repo, o.target.Number)
	}
	_, err := github.BuildSearchQuery(o.target.Repo, o.search)
	return err
}

// applyListFilter turns --author, --base, --head and --label into search
// qualifiers (with --state), ahead of any --search text: GitHub's list
// endpoint cannot filter by author or label, its search can by all four.
func applyListFilter(o *options) error {
	if o.filter.IsZero() {
		return nil
	}
	if err := o.filter.Validate(); err != nil {
		return err
	}
	if o.target.Number != 0 {
		return fmt.Errorf("--author, --base, --head and --label filter a list: give OWNER/REPO, not %s#%d", o.target.Repo, o.target.Number)
	}
	o.search = strings.TrimSpace(o.filter.Qualifiers(o.state) + " " + o.search)
	return nil
}

// dumpSearch is dump OWNER/REPO --search Q: the first --limit results, in
// the list dump's shape. Search results carry no head or base: each
// result's GET /pulls/N fills them (one request a result, cached, a few at
// a time); a result whose request fails keeps "" and is warned about.
func dumpSearch(ctx context.Context, stderr io.Writer, c *github.Client, o options) ([]byte, error) {
	prs, info, err := github.FetchSearch(ctx, c, o.target.Repo, o.search, o.limit)
	truncated := github.Truncated(err)
	if err != nil && truncated == "" {
		return nil, err
	}
	if info.Incomplete {
		fmt.Fprintln(stderr, "prscope: warning: GitHub's search timed out (incomplete_results): more pull requests may match")
	}
	warnTruncated(stderr, "the search results", truncated)
	if failed := detailResults(ctx, c, o.target.Repo, prs); failed > 0 {
		fmt.Fprintf(stderr, "prscope: warning: %d search result(s) could not be fetched: their head and base are \"\"\n", failed)
	}
	return dumpList(o.target.Repo, prs, truncated).MarshalJSON()
}

// resultFetches is how many GET /pulls/N a search dump has in flight.
const resultFetches = 8

// detailResults replaces each search result by its GET /pulls/N, which
// has its head and base, in place; it returns how many failed.
func detailResults(ctx context.Context, c *github.Client, repo model.Repo, prs []model.PullRequest) int {
	var wg sync.WaitGroup
	var failed atomic.Int32
	slots := make(chan struct{}, resultFetches)
	for i := range prs {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			pr, err := c.GetPull(ctx, repo, prs[i].Number)
			if err != nil {
				failed.Add(1)
				return
			}
			prs[i] = pr
		}()
	}
	wg.Wait()
	return int(failed.Load())
}
