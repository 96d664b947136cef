# OpsBot's container image: built with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#
#   docker build -t registry.example.com/opsbot:1.0.0 .
#   docker run --rm --read-only --tmpfs /tmp -v opsbot-data:/var/lib/opsbot -p 8080:8080 \
#     -e Console__Token="$(openssl rand -hex 32)" registry.example.com/opsbot:1.0.0
#
# The base images are pinned by tag (10.0: the newest .NET 10 patch when built). For a reproducible build pin
# them by digest as well, e.g. `FROM mcr.microsoft.com/dotnet/aspnet:10.0@sha256:<digest>`; the digest comes from
# `docker buildx imagetools inspect mcr.microsoft.com/dotnet/aspnet:10.0` (or `crane digest …`). See docs/DEPLOY.md.
#
# Nothing secret is in the image: Slack, Teams, console and database credentials come from the environment
# (Kubernetes Secrets in manifests/kubernetes). No HEALTHCHECK: Kubernetes probes /healthz and /readyz.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so this layer is reused until a project or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/OpsBot/OpsBot.csproj src/OpsBot/
COPY src/OpsBot.Workflows/OpsBot.Workflows.csproj src/OpsBot.Workflows/
COPY src/OpsBot.Kubernetes/OpsBot.Kubernetes.csproj src/OpsBot.Kubernetes/
COPY src/OpsBot.ClusterSim/OpsBot.ClusterSim.csproj src/OpsBot.ClusterSim/
RUN dotnet restore src/OpsBot/OpsBot.csproj

COPY appsettings.json ./
COPY src/ src/
RUN dotnet publish src/OpsBot/OpsBot.csproj --configuration Release --no-restore --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The data directory (the SQLite database) is the only place OpsBot writes besides /tmp: mount a volume there
# and run with a read-only root filesystem. 1654 is the image's unprivileged "app" user ($APP_UID).
RUN mkdir -p /var/lib/opsbot && chown 1654:1654 /var/lib/opsbot && chmod 0700 /var/lib/opsbot

# The application is owned by root and only readable by the app user: it cannot change its own code.
COPY --from=build /app ./

# 8080: the one HTTP port — web console and its API, Slack request URLs (/slack/…), the Teams messaging
# endpoint (/api/messages), /healthz, /readyz and /metrics. Listening beyond loopback makes OpsBot demand
# Console__Token at start. ASPNETCORE_HTTP_PORTS is emptied so that Console__Urls alone decides.
ENV Console__Urls=http://+:8080 \
    Storage__DataDirectory=/var/lib/opsbot \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 8080

USER 1654:1654
ENTRYPOINT ["dotnet", "OpsBot.dll"]
