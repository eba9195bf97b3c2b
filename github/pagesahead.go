package github

import (
	"errors"

	"github.com/prscope/prscope/model"
)

// pagesAhead fetches pages [first, last] PagesInFlight at a time, ahead of
// the pager that takes them in order; a page outside that range (a Link
// that named another next) is fetched when asked.
type pagesAhead[T any] struct {
	fetch       func(page int) ([]T, model.Page, error)
	first, last int
	results     []chan pageResult[T] // one per page in range, buffered: a worker never waits on the pager
	queue       *workQueue[int]
}

type pageResult[T any] struct {
	items []T
	info  model.Page
	err   error
}

// start begins fetching pages first..last.
func (a *pagesAhead[T]) start(first, last int) {
	if last < first {
		return
	}
	a.first, a.last = first, last
	a.results = make([]chan pageResult[T], last-first+1)
	pages := make([]int, len(a.results))
	for i := range a.results {
		a.results[i], pages[i] = make(chan pageResult[T], 1), first+i
	}
	a.queue = newWorkQueue(min(PagesInFlight, len(pages)), func(p int) {
		items, info, err := fetchOnce(a.fetch, p)
		a.results[p-first] <- pageResult[T]{items, info, err}
	})
	a.queue.push(pages...)
	a.queue.close()
}

// get is page p: from those fetched ahead when it is one, else asked now.
func (a *pagesAhead[T]) get(p int) ([]T, model.Page, error) {
	if a.results != nil && p >= a.first && p <= a.last {
		r := <-a.results[p-a.first]
		return r.items, r.info, r.err
	}
	return fetchOnce(a.fetch, p)
}

// stop ends the fetching ahead: pages already asked finish, no more are.
func (a *pagesAhead[T]) stop() {
	if a.queue != nil {
		a.queue.stop()
	}
}

// pageRetries is how many times a page GitHub refused for its secondary
// rate limit is asked again. The rate guard decides when: the request
// waits there until the backoff ends, or is refused at once (not sent)
// when the backoff outlasts its deadline, and that ends the listing.
const pageRetries = 3

// fetchOnce is fetch(p), asked again after a secondary rate limit: with
// pages in flight side by side one of them may meet it, and the listing is
// still wanted whole.
// When the guard refuses the retry (the backoff outlasts its deadline),
// GitHub's own answer is the error: it says more than the refusal.
func fetchOnce[T any](fetch func(page int) ([]T, model.Page, error), p int) ([]T, model.Page, error) {
	var first error
	for try := 0; ; try++ {
		items, info, err := fetch(p)
		var apiErr *APIError
		switch {
		case err == nil:
			return items, info, nil
		case !errors.As(err, &apiErr) || !apiErr.SecondaryLimit:
			return items, info, err
		case apiErr.Unsent && first != nil:
			return nil, model.Page{}, first
		case apiErr.Unsent || try == pageRetries:
			return items, info, err
		}
		if first == nil {
			first = err
		}
	}
}
