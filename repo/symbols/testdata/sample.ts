export interface Options {
	verbose: boolean;
}
export type Handler = (req: Request) => void;
enum Color { Red, Green }
export class Server {
	private port: number = 80;
	listen(port: number): void {
		console.log(port);
	}
}
export const start = (o: Options): Server => {
	return new Server();
};
