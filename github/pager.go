package github

import (
	"errors"
	"math"

	"github.com/prscope/prscope/model"
)

// PagingStopped is a listing cut short by model.Pager's rule (a loop, a
// repeated or empty page, the page cap). It comes with the items paged
// so far: callers that can use part of a list (dump) keep them and say
// why it is short; errors.As finds the *APIError that words it.
type PagingStopped struct {
	Err  *APIError
	Stop model.PageStop
}

func (e *PagingStopped) Error() string { return e.Err.Error() }
func (e *PagingStopped) Unwrap() error { return e.Err }

// Truncated is why err cut a listing short, or "" when err is not a
// *PagingStopped (nil, or a real failure).
func Truncated(err error) string {
	var ps *PagingStopped
	if errors.As(err, &ps) {
		return ps.Stop.String()
	}
	return ""
}

// PagesInFlight is how many pages of one listing are asked at once once
// its first page says how many there are: few, as GitHub asks of clients
// that would avoid its secondary rate limits.
const PagesInFlight = 6

// AllPages calls fetch for page 1, 2, … until the listing ends, and returns
// every item, key telling items apart. When model.Pager stops paging it
// returns the items so far with a *PagingStopped; when fetch fails, nil
// and that error.
func AllPages[T any](subject string, maxPages int, key func(T) string, fetch func(page int) ([]T, model.Page, error)) ([]T, error) {
	return Pages(PageWalk[T]{Subject: subject, MaxPages: maxPages, Key: key, Fetch: fetch})
}

// PagesUpTo is AllPages stopping once it has limit items (0: no limit);
// the rest of the last page is dropped. A page loop beyond limit is no
// error: it was never reached.
func PagesUpTo[T any](subject string, maxPages, limit int, key func(T) string, fetch func(page int) ([]T, model.Page, error)) ([]T, error) {
	return Pages(PageWalk[T]{Subject: subject, MaxPages: maxPages, Limit: limit, Key: key, Fetch: fetch})
}

// PageWalk is one listing to page through.
type PageWalk[T any] struct {
	Subject  string
	MaxPages int
	Limit    int // stop once this many items are in (0: no limit)
	Key      func(T) string
	Fetch    func(page int) ([]T, model.Page, error)
	// Each, when set, is given each page's new items as soon as the pages
	// before it are in: what depends on them (commit messages) starts
	// while later pages are still coming.
	Each func(items []T)
}

// Pages is the one pager. Page 1 comes first; when its Link names the last
// page, the pages after it are asked PagesInFlight at a time and taken in
// order as they arrive; without a last page each page's next is asked in
// turn. Either way model.Pager judges every page in order, so a loop, a
// repeated or an empty page stops it as it would one page at a time.
func Pages[T any](w PageWalk[T]) ([]T, error) {
	pager := model.NewPager(w.MaxPages)
	ahead := &pagesAhead[T]{fetch: w.Fetch}
	defer ahead.stop()
	var all []T
	for page := 1; page != 0; {
		batch, info, err := ahead.get(page)
		if err != nil {
			return nil, err
		}
		stop := pager.Add(page, model.KeysOf(batch, w.Key), info.Next)
		if !stop.Repeated {
			all = append(all, batch...)
			if w.Each != nil {
				w.Each(batch)
			}
		}
		if w.Limit > 0 && len(all) >= w.Limit {
			return all[:w.Limit], nil
		}
		if stop.Stopped() {
			return all, &PagingStopped{Stop: stop, Err: &APIError{Message: stop.Message, Subject: model.SanitizeLine(w.Subject), Hint: stop.Hint}}
		}
		if page == 1 && info.Next == 2 && info.Last > 2 {
			ahead.start(2, min(info.Last, w.MaxPages, pagesFor(w.Limit, len(batch))))
		}
		page = info.Next
	}
	return all, nil
}

// pagesFor is how many pages of perPage items hold limit (0: no limit).
func pagesFor(limit, perPage int) int {
	if limit <= 0 || perPage <= 0 {
		return math.MaxInt
	}
	return (limit + perPage - 1) / perPage
}
