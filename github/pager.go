package github

import (
	"errors"

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

// AllPages calls fetch for page 1, 2, … until the listing ends, and returns
// every item, key telling items apart. When model.Pager stops paging it
// returns the items so far with a *PagingStopped; when fetch fails, nil
// and that error.
func AllPages[T any](subject string, maxPages int, key func(T) string, fetch func(page int) ([]T, model.Page, error)) ([]T, error) {
	return PagesUpTo(subject, maxPages, 0, key, fetch)
}

// PagesUpTo is AllPages stopping once it has limit items (0: no limit);
// the rest of the last page is dropped. A page loop beyond limit is no
// error: it was never reached.
func PagesUpTo[T any](subject string, maxPages, limit int, key func(T) string, fetch func(page int) ([]T, model.Page, error)) ([]T, error) {
	pager := model.NewPager(maxPages)
	var all []T
	for page := 1; page != 0; {
		batch, info, err := fetch(page)
		if err != nil {
			return nil, err
		}
		stop := pager.Add(page, model.KeysOf(batch, key), info.Next)
		if !stop.Repeated {
			all = append(all, batch...)
		}
		if limit > 0 && len(all) >= limit {
			return all[:limit], nil
		}
		if stop.Stopped() {
			return all, &PagingStopped{Stop: stop, Err: &APIError{Message: stop.Message, Subject: model.SanitizeLine(subject), Hint: stop.Hint}}
		}
		page = info.Next
	}
	return all, nil
}
