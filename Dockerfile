# The keystone image: the published `keystone` binary on the ASP.NET Core runtime, as a non-root user.
# docker build -t keystone .   ·   docker run -p 8080:8080 -e ConnectionStrings__Keystone="Host=…" keystone
# See docs/operations.md; deploy/compose.yaml runs PostgreSQL, a migration step, two nodes and a proxy.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a code change does not download the packages again.
COPY global.json .editorconfig Directory.Build.props Directory.Packages.props BannedSymbols.txt Keystone.slnx ./
COPY src/Keystone.Core/Keystone.Core.csproj src/Keystone.Core/
COPY src/Keystone/Keystone.csproj src/Keystone/
RUN dotnet restore src/Keystone/Keystone.csproj
COPY src/ src/
RUN dotnet publish src/Keystone/Keystone.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# A SQLite database (when no PostgreSQL is given) lives in /var/lib/keystone; mount a volume there.
RUN mkdir -p /var/lib/keystone && chown "$APP_UID" /var/lib/keystone
WORKDIR /var/lib/keystone
ENV ASPNETCORE_URLS=http://+:8080 \
    Keystone__NoDemo=true \
    Logging__Console__FormatterName=json \
    DOTNET_NOLOGO=1
# The image's own unprivileged user (uid 1654).
USER $APP_UID
EXPOSE 8080
# The runtime image has no curl: ask /health/live over bash's /dev/tcp (the process answers; the database is
# the readiness probe's business, /health/ready, for the load balancer).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/keystone"]
CMD ["serve"]
