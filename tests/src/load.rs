//! Load generation for the benchmarks.

use std::time::Instant;

use tokio::task::JoinSet;

/// Runs `count` jobs, `concurrency` at a time, and returns jobs per second.
pub async fn rate<F, Fut>(count: usize, concurrency: usize, job: F) -> f64
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let started = Instant::now();
    let mut running = JoinSet::new();
    for i in 0..count {
        if running.len() >= concurrency {
            running.join_next().await.expect("a job").expect("job ok");
        }
        running.spawn(job(i));
    }
    while let Some(done) = running.join_next().await {
        done.expect("job ok");
    }
    count as f64 / started.elapsed().as_secs_f64()
}
