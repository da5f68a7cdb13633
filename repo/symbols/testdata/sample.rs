use std::io;

pub const MAX: usize = 10;
static mut COUNT: u32 = 0;

pub struct Config {
    name: String,
}

pub enum Mode { Fast, Slow(u8) }

pub trait Runner {
    fn run(&self) -> io::Result<()>;
}

impl Runner for Config {
    fn run(&self) -> io::Result<()> {
        helper(&self.name)
    }
}

impl<T: Clone> Wrapper<T> {
    pub fn new(t: T) -> Self { Wrapper(t) }
}

macro_rules! square {
    ($x:expr) => { $x * $x };
}

fn helper(s: &str) -> io::Result<()> {
    // helper prints s
    println!("{}", s);
    Ok(())
}

type Alias = Vec<u8>;
mod inner {
    pub fn nested() {}
}
