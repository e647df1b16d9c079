# Builds the portico binary and runs it as an unprivileged user.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p portico --bin portico

FROM debian:bookworm-slim
RUN useradd --system --home /var/lib/portico --create-home portico \
    && apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/portico /usr/local/bin/portico
USER portico
ENV PORTICO_BIND=0.0.0.0:8080 PORTICO_DATA_DIR=/var/lib/portico
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/portico"]
CMD ["serve"]
