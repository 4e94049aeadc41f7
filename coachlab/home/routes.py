"""Where the course home is served, and the link notebooks use to come back to it."""

#: The home page, relative to the server's base URL.
HOME_ROUTE = "coachlab/home"
#: The home page from a server at the root (``coachlab start``): JupyterLab's default URL.
HOME_PATH = f"/{HOME_ROUTE}"
#: The link notebooks use to come home. JupyterLab opens a relative link as a file, so the link
#: is absolute; on a hub, JupyterHub sends ``/hub/user-redirect/...`` to the user's own server,
#: and on a laptop this extension answers the same path with a redirect to the home.
HOME_LINK = f"/hub/user-redirect/{HOME_ROUTE}"
