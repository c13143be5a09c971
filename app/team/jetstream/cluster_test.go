package jetstream_test

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/team/jetstream"
	"github.com/parallax-news/parallax/internal/teststore"
)

// freePorts returns n ports free at once: the listeners stay open until
// all are picked, so no two are the same.
func freePorts(t *testing.T, n int) []int {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

// cluster starts three servers routed to each other, JetStream on each.
// The route ports are picked free and then handed to the servers, so
// another process can take one in between; a cluster that does not come
// up is shut down and started again on new ports.
func cluster(t *testing.T) []*server.Server {
	const attempts = 3
	for i := 1; ; i++ {
		nodes, err := startCluster(t)
		if err == nil {
			return nodes
		}
		if i == attempts {
			t.Fatalf("after %d attempts: %v", attempts, err)
		}
		t.Logf("attempt %d: %v", i, err)
	}
}

func startCluster(t *testing.T) ([]*server.Server, error) {
	routes := freePorts(t, 3)
	var urls []*url.URL
	for _, p := range routes {
		urls = append(urls, &url.URL{Scheme: "nats", Host: fmt.Sprintf("127.0.0.1:%d", p)})
	}
	var nodes []*server.Server
	for i, p := range routes {
		opts := &server.Options{ServerName: fmt.Sprintf("n%d", i+1), Host: "127.0.0.1", Port: -1, JetStream: true,
			StoreDir: t.TempDir(), NoSigs: true, Routes: urls,
			Cluster: server.ClusterOpts{Name: "newsroom", Host: "127.0.0.1", Port: p}}
		ns, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go ns.Start()
		t.Cleanup(ns.Shutdown)
		nodes = append(nodes, ns)
	}
	for _, ns := range nodes {
		if !ns.ReadyForConnections(10 * time.Second) {
			for _, n := range nodes {
				n.Shutdown()
			}
			return nil, fmt.Errorf("node %s did not start listening", ns.Name())
		}
	}
	return nodes, nil
}

// TestClusterLosesANodeMidSync: a three-node cluster keeps the project's
// stream on all three; one node stops while an analyst publishes, the
// sync finishes through the others, and a teammate on the third node
// receives everything.
func TestClusterLosesANodeMidSync(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node cluster")
	}
	nodes := cluster(t)
	ctx := context.Background()
	// The stream, three replicas, once the cluster has a leader.
	var admin *jetstream.Transport
	var err error
	for deadline := time.Now().Add(20 * time.Second); ; {
		admin, err = jetstream.Dial(ctx, nodes[0].ClientURL(), project, jetstream.Options{Replicas: 3, Timeout: 2 * time.Second})
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("no stream on the cluster: %v", err)
	}
	admin.Close()

	ann := join(t, "ann", nodes[0].ClientURL())
	for i := range 60 {
		id := ann.importText(t, fmt.Sprintf("https://tass.example/%d", i), fmt.Sprintf("Talks, day %d", i),
			fmt.Sprintf("On day %d the Kremlin said the offer stood. Kyiv said it would not go to Moscow.", i))
		for k, q := range []string{"the offer stood", "Kyiv said", "not go to Moscow"} {
			ann.annotate(t, id, q, fmt.Sprintf("note %d.%d", i, k), "frame/peace")
		}
	}
	done := make(chan error, 1)
	go func() {
		_, err := ann.trySync()
		done <- err
	}()
	time.Sleep(30 * time.Millisecond)
	nodes[1].Shutdown()
	select {
	case err := <-done:
		done <- err
		t.Log("the sync had finished before the node stopped")
	default:
		t.Log("a node stopped during the sync")
	}
	if err := <-done; err != nil {
		// The node went while a publish waited for it: the ops stay in
		// the outbox and the next sync sends them.
		t.Logf("sync during the loss: %v", err)
		ann.sync(t)
	}
	if n, _ := ann.st.TeamOutboxLen(); n != 0 {
		t.Fatalf("%d ops still wait after the sync", n)
	}
	ben := join(t, "ben", nodes[2].ClientURL())
	rep := ben.sync(t)
	if got, want := teststore.Contents(t, ben.st), teststore.Contents(t, ann.st); got != want {
		t.Fatalf("ben (on the third node) differs from ann after %+v", rep)
	}
	n := 0
	ben.st.ForEachAnnotation(app.AnnotationFilter{}, func(app.Annotation) error { n++; return nil })
	if st, _ := ben.st.Stats(); st.Articles != 60 || n != 180 {
		t.Fatalf("ben has %d articles and %d annotations", st.Articles, n)
	}
}
