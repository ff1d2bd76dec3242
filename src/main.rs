//! Browser entry point: mounts the explainer into `<body>`.

fn main() {
    convt::app::start();
}
