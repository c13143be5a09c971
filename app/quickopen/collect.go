package quickopen

import (
	"slices"

	"github.com/parallax-news/parallax/app"
)

// Source is what Collect reads: the store's listing records (a title
// and outlet an article, without its head's tags and provenance) and
// its tags.
type Source interface {
	ForEachListing(fn func(app.Listing) error) error
	Tags() ([]app.TagInfo, error)
}

// Collect lists every article title, then every outlet and tag once.
func Collect(src Source) ([]Entry, error) {
	var entries []Entry
	outlets := map[string]bool{}
	err := src.ForEachListing(func(a app.Listing) error {
		entries = append(entries, Entry{Kind: Title, Text: a.Title, ID: uint64(a.ID)})
		if a.Outlet != "" {
			outlets[a.Outlet] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(outlets))
	for o := range outlets {
		names = append(names, o)
	}
	slices.Sort(names)
	for _, o := range names {
		entries = append(entries, Entry{Kind: Outlet, Text: o})
	}
	tags, err := src.Tags()
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		entries = append(entries, Entry{Kind: Tag, Text: t.Path})
	}
	return entries, nil
}
